package io.poolrescue.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Gets a run's history from an exported JSON file or from the cluster, refusing anything that is not one. */
public final class HistoryLoader {

  private static final ObjectMapper JSON = new ObjectMapper();
  // proto JSON names the type in full, the Web UI and the Temporal CLI in short
  private static final java.util.Set<String> START_TYPES =
      java.util.Set.of("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", "WorkflowExecutionStarted");
  private static final String NO_START = "it does not begin with WorkflowExecutionStarted";

  private HistoryLoader() {}

  public static WorkflowExecutionHistory fromFile(Path file) {
    return fromFile(file, null);
  }

  /**
   * Reads an exported history. Exported files do not say which workflow id they belong to, and a
   * replay needs it whenever the code derives something from it (child workflow ids do), so it is,
   * in order: {@code workflowId} when given, the id in the start event when the server wrote one,
   * else the file's name without {@code .json} ({@code %2F} for a slash, as the regression suite names
   * child runs).
   */
  public static WorkflowExecutionHistory fromFile(Path file, String workflowId) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AuditInputException(file + ": no such file");
    } catch (IOException e) {
      throw new AuditInputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return fromJson(json, file.toString(), workflowId != null ? workflowId : fileStem(file));
  }

  /** The workflow id a file name stands for: {@code master-x%2Fforget-old-master.json} -> master-x/forget-old-master. */
  public static String fileStem(Path file) {
    String name = file.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    try {
      return java.net.URLDecoder.decode(stem, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return stem;
    }
  }

  /** Parses an exported history (as written by {@code history export}, the Web UI or the Temporal CLI). */
  public static WorkflowExecutionHistory fromJson(String json, String origin) {
    return fromJson(json, origin, null);
  }

  /** As {@link #fromJson(String, String)}, for the run of that workflow id unless the start event names another. */
  public static WorkflowExecutionHistory fromJson(String json, String origin, String fallbackWorkflowId) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AuditInputException(
          origin + " is not valid JSON (truncated or damaged?): " + e.getOriginalMessage() + " at line "
              + e.getLocation().getLineNr());
    }
    if (tree == null || !tree.path("events").isArray() || tree.path("events").isEmpty()) {
      throw new AuditInputException(origin + " is not a Temporal workflow history: it has no \"events\" list");
    }
    String firstType = tree.path("events").get(0).path("eventType").asText();
    if (!START_TYPES.contains(firstType)) {
      throw new AuditInputException(origin + " is not a complete workflow history: " + NO_START);
    }
    String recordedId = tree.path("events").get(0).path("workflowExecutionStartedEventAttributes")
        .path("workflowId").asText("");
    String workflowId = !recordedId.isBlank() ? recordedId : fallbackWorkflowId;
    WorkflowExecutionHistory history;
    try {
      history = workflowId == null ? WorkflowExecutionHistory.fromJson(json)
          : WorkflowExecutionHistory.fromJson(json, workflowId);
    } catch (RuntimeException e) {
      throw new AuditInputException(origin + " is not a Temporal workflow history: " + firstLine(e));
    }
    requireStartEvent(history, origin);
    return history;
  }

  /** Fetches every event of the latest run of {@code workflowId} from the cluster the client talks to. */
  public static WorkflowExecutionHistory fromCluster(WorkflowClient client, String workflowId) {
    String namespace = client.getOptions().getNamespace();
    WorkflowExecutionHistory history;
    try {
      history = client.fetchHistory(workflowId);
    } catch (StatusRuntimeException e) {
      throw clusterError(e, workflowId, namespace);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        throw clusterError(s, workflowId, namespace);
      }
      throw new AuditInputException("cannot fetch the history of " + workflowId + ": " + firstLine(e));
    }
    requireStartEvent(history, "workflow " + workflowId);
    return history;
  }

  private static AuditInputException clusterError(StatusRuntimeException e, String workflowId, String namespace) {
    Status.Code code = e.getStatus().getCode();
    return switch (code) {
      case NOT_FOUND -> new AuditInputException("no workflow with id " + workflowId + " in namespace " + namespace);
      case UNAVAILABLE, DEADLINE_EXCEEDED -> new AuditInputException(
          "cannot reach the Temporal frontend (" + code + "): " + e.getStatus().getDescription());
      default -> new AuditInputException(
          "the cluster refused to give the history of " + workflowId + ": " + code + " " + e.getStatus().getDescription());
    };
  }

  private static void requireStartEvent(WorkflowExecutionHistory history, String origin) {
    if (history.getEvents().isEmpty()
        || history.getEvents().get(0).getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
      throw new AuditInputException(
          origin + " is not a complete workflow history: " + NO_START);
    }
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
