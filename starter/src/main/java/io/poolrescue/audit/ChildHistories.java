package io.poolrescue.audit;

import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the histories of a run's child runs are found: beside an exported file, or on the cluster. */
@FunctionalInterface
public interface ChildHistories {

  Optional<WorkflowExecutionHistory> find(String childWorkflowId);

  /** No child is audited. */
  static ChildHistories none() {
    return id -> Optional.empty();
  }

  /**
   * Files beside the parent's, named by the child's workflow id ({@code %2F} for a slash), as the
   * regression suite records them and as {@code history export CHILD_ID -o DIR/CHILD_ID.json} writes them.
   */
  static ChildHistories besideFile(Path parent) {
    Path dir = parent.toAbsolutePath().getParent();
    return id -> {
      Path file = dir.resolve(java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8) + ".json");
      return Files.isRegularFile(file) ? Optional.of(HistoryLoader.fromFile(file, id)) : Optional.empty();
    };
  }

  /** The cluster the client talks to; a child it does not have is simply not found. */
  static ChildHistories onCluster(io.temporal.client.WorkflowClient client) {
    return id -> {
      try {
        return Optional.of(HistoryLoader.fromCluster(client, id));
      } catch (AuditInputException notThere) {
        return Optional.empty();
      }
    };
  }
}
