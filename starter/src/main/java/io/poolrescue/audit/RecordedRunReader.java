package io.poolrescue.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.poolrescue.audit.RecordedRun.RecordedActivity;
import io.poolrescue.audit.RecordedRun.RecordedChild;
import io.poolrescue.audit.RecordedRun.RecordedDecision;
import io.poolrescue.workflows.api.StartSignature;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link RecordedRun} from the events of a history, without running any workflow code. */
public final class RecordedRunReader {

  private final PayloadReader payloads;

  public RecordedRunReader(DataConverter converter) {
    this.payloads = new PayloadReader(converter);
  }

  public RecordedRun read(WorkflowExecutionHistory history) {
    return new Pass(history).run();
  }

  private final class Pass {
    private final WorkflowExecutionHistory history;
    private final Map<Long, RecordedActivity> activities = new LinkedHashMap<>();
    private final Map<Long, RecordedDecision> decisions = new LinkedHashMap<>();
    private final Map<Long, RecordedChild> children = new LinkedHashMap<>();
    private final Map<Long, Integer> attempts = new LinkedHashMap<>();
    private String type;
    private String workflowId;
    private String runId;
    private String startedBy;
    private JsonNode request;
    private Instant startedAt;
    private Instant closedAt;
    private String closeStatus = "RUNNING";
    private JsonNode result;
    private String failure;
    private JsonNode startSignature;

    Pass(WorkflowExecutionHistory history) {
      this.history = history;
    }

    RecordedRun run() {
      for (HistoryEvent e : history.getEvents()) {
        accept(e);
      }
      return new RecordedRun(
          type,
          workflowId,
          runId,
          startedBy,
          request,
          startedAt,
          closedAt,
          closeStatus,
          result,
          failure,
          List.copyOf(decisions.values()),
          activities.entrySet().stream()
              .map(a -> withAttempts(a.getValue(), attempts.getOrDefault(a.getKey(), 0)))
              .toList(),
          List.copyOf(children.values()),
          history.getEvents().size(),
          startSignature);
    }

    private void accept(HistoryEvent e) {
      Instant at = instant(e.getEventTime());
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          var a = e.getWorkflowExecutionStartedEventAttributes();
          type = a.getWorkflowType().getName();
          workflowId = firstNonBlank(a.getWorkflowId(), history.getWorkflowExecution().getWorkflowId());
          runId = firstNonBlank(a.getOriginalExecutionRunId(), history.getWorkflowExecution().getRunId());
          startedBy = a.getIdentity();
          request = payloads.read(a.getInput());
          startedAt = at;
          var memo = a.getMemo().getFieldsMap().get(StartSignature.MEMO);
          startSignature = memo == null ? null : payloads.read(memo);
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
          close("COMPLETED", at);
          result = payloads.read(e.getWorkflowExecutionCompletedEventAttributes().getResult());
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
          close("FAILED", at);
          failure = payloads.describe(e.getWorkflowExecutionFailedEventAttributes().getFailure());
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> close("TIMED_OUT", at);
        case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> close("CANCELED", at);
        case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
          close("TERMINATED", at);
          failure = e.getWorkflowExecutionTerminatedEventAttributes().getReason();
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> close("CONTINUED_AS_NEW", at);
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var a = e.getActivityTaskScheduledEventAttributes();
          activities.put(
              e.getEventId(),
              new RecordedActivity(
                  a.getActivityId(), a.getActivityType().getName(), e.getEventId(), at,
                  payloads.read(a.getInput()), null, "PENDING", null, null, 0));
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          var a = e.getActivityTaskStartedEventAttributes();
          attempts.put(a.getScheduledEventId(), a.getAttempt());
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          var a = e.getActivityTaskCompletedEventAttributes();
          endActivity(a.getScheduledEventId(), at, "COMPLETED", payloads.read(a.getResult()), null);
        }
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          var a = e.getActivityTaskFailedEventAttributes();
          endActivity(a.getScheduledEventId(), at, "FAILED", null, payloads.describe(a.getFailure()));
        }
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
          var a = e.getActivityTaskTimedOutEventAttributes();
          endActivity(a.getScheduledEventId(), at, "TIMED_OUT", null, payloads.describe(a.getFailure()));
        }
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> endActivity(
            e.getActivityTaskCanceledEventAttributes().getScheduledEventId(), at, "CANCELED", null, null);
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
          var a = e.getWorkflowExecutionUpdateAcceptedEventAttributes();
          var req = a.getAcceptedRequest();
          decisions.put(
              e.getEventId(),
              new RecordedDecision(
                  req.getMeta().getUpdateId(), req.getMeta().getIdentity(), e.getEventId(), at,
                  payloads.read(req.getInput().getArgs()), null, null, null));
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
          var a = e.getWorkflowExecutionUpdateCompletedEventAttributes();
          RecordedDecision d = decisions.get(a.getAcceptedEventId());
          if (d != null) {
            var outcome = a.getOutcome();
            decisions.put(
                a.getAcceptedEventId(),
                new RecordedDecision(
                    d.updateId(), d.sentBy(), d.acceptedEventId(), d.acceptedAt(), d.request(), at,
                    outcome.hasSuccess() ? payloads.read(outcome.getSuccess()) : null,
                    outcome.hasFailure() ? payloads.describe(outcome.getFailure()) : null));
          }
        }
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
          var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
          children.put(
              e.getEventId(), new RecordedChild(a.getWorkflowId(), a.getWorkflowType().getName(), at, null, "PENDING", null));
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
          var a = e.getChildWorkflowExecutionCompletedEventAttributes();
          endChild(a.getInitiatedEventId(), at, "COMPLETED", payloads.read(a.getResult()));
        }
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> endChild(
            e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), at, "FAILED", null);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> endChild(
            e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId(), at, "TIMED_OUT", null);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> endChild(
            e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId(), at, "CANCELED", null);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> endChild(
            e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId(), at, "TERMINATED", null);
        default -> {
          // timers, workflow tasks, markers: replay checks them; the report reads the run status instead
        }
      }
    }

    private void close(String status, Instant at) {
      closeStatus = status;
      closedAt = at;
    }

    private void endActivity(long scheduledId, Instant at, String outcome, JsonNode res, String fail) {
      RecordedActivity a = activities.get(scheduledId);
      if (a != null) {
        activities.put(
            scheduledId,
            new RecordedActivity(
                a.activityId(), a.type(), a.scheduledEventId(), a.scheduledAt(), a.input(), at, outcome, res, fail, 0));
      }
    }

    private void endChild(long initiatedId, Instant at, String outcome, JsonNode res) {
      RecordedChild c = children.get(initiatedId);
      if (c != null) {
        children.put(initiatedId, new RecordedChild(c.workflowId(), c.workflowType(), c.startedAt(), at, outcome, res));
      }
    }
  }

  private static RecordedActivity withAttempts(RecordedActivity a, int attempts) {
    return new RecordedActivity(
        a.activityId(), a.type(), a.scheduledEventId(), a.scheduledAt(), a.input(), a.endedAt(), a.outcome(),
        a.result(), a.failure(), attempts);
  }

  /** What the SDK puts in place of ids an exported file does not carry. */
  private static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("workflow_id_in_replay", "run_id_in_replay");

  // an exported file carries no execution ids; the start event may name them, else they are unknown (null)
  private static String firstNonBlank(String fromEvent, String fromHistory) {
    if (fromEvent != null && !fromEvent.isBlank()) {
      return fromEvent;
    }
    return fromHistory == null || fromHistory.isBlank() || PLACEHOLDERS.contains(fromHistory) ? null : fromHistory;
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
