package io.poolrescue.launcher;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How long the work a killed worker held stays stalled: from the kill until none of the activities
 * it was running (in the run or its children) is still pending on it, because another worker took
 * the retry or the activity ended, and until a workflow task it had started (seen in the run's
 * history: started by it, not yet completed) has been completed by another worker. Read from the
 * server (DescribeWorkflowExecution, the histories), not guessed.
 */
final class KillStall {
  private final WorkflowClient client;

  KillStall(WorkflowClient client) {
    this.client = client;
  }

  /** The ids ("workflowId/activityId") of activities started by {@code worker} and not yet ended. */
  private Set<String> activitiesHeldBy(String workflowId, String worker) {
    return pending(workflowId).stream()
        .filter(p -> runningOn(p.activity(), worker))
        .map(Held::id).collect(Collectors.toSet());
  }

  /**
   * An attempt of the activity runs on {@code worker}: it started there and has not ended since. The
   * test server keeps reporting {@code STARTED} once any attempt started, also while a failed
   * attempt's retry waits out its backoff (where a real server says {@code SCHEDULED}), so an attempt
   * that completed after it started holds nothing, though the state still says so.
   */
  private static boolean runningOn(PendingActivityInfo a, String worker) {
    if (a.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
        || !worker.equals(a.getLastWorkerIdentity())) {
      return false;
    }
    return !a.hasLastAttemptCompleteTime()
        || before(a.getLastAttemptCompleteTime(), a.getLastStartedTime());
  }

  private static boolean before(Timestamp a, Timestamp b) {
    return a.getSeconds() < b.getSeconds() || (a.getSeconds() == b.getSeconds() && a.getNanos() < b.getNanos());
  }

  /**
   * What {@code worker} holds in the run and its children: activities it runs ("workflowId/activityId")
   * and workflow tasks it started ("workflowId#task").
   */
  Set<String> heldBy(String workflowId, String worker) {
    Set<String> held = activitiesHeldBy(workflowId, worker);
    for (String id : runs(workflowId)) {
      if (startedTaskOf(id).filter(worker::equals).isPresent()) {
        held.add(id + TASK);
      }
    }
    return held;
  }

  /** Waits (polling) until none of {@code held} is still on {@code worker}; returns how long that took from {@code killedAt}. */
  Duration awaitTakenOver(String workflowId, String worker, Set<String> held, long killedAt, Duration bound)
      throws InterruptedException {
    while (System.nanoTime() - killedAt < bound.toNanos()) {
      Set<String> still = heldBy(workflowId, worker);
      still.retainAll(held);
      if (still.isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - killedAt);
      }
      Thread.sleep(100);
    }
    return bound;
  }

  private static final String TASK = "#task";

  /** The identity of the worker that started the run's current workflow task, if one is started and not ended. */
  private Optional<String> startedTaskOf(String workflowId) {
    String started = null;
    try {
      for (HistoryEvent e : client.fetchHistory(workflowId).getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
          started = e.getWorkflowTaskStartedEventAttributes().getIdentity();
        } else if (ENDS_TASK.contains(e.getEventType())) {
          started = null;
        }
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(started);
  }

  private static final Set<EventType> ENDS_TASK = Set.of(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
      EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);

  /** The run and its pending children, by workflow id. */
  private List<String> runs(String workflowId) {
    List<String> all = new ArrayList<>(List.of(workflowId));
    describe(workflowId).ifPresent(d -> d.getPendingChildrenList().forEach(c -> all.addAll(runs(c.getWorkflowId()))));
    return all;
  }

  private record Held(String workflowId, PendingActivityInfo activity) {
    String id() {
      return workflowId + "/" + activity.getActivityId();
    }
  }

  private List<Held> pending(String workflowId) {
    List<Held> all = new ArrayList<>();
    describe(workflowId).ifPresent(d -> {
      d.getPendingActivitiesList().forEach(a -> all.add(new Held(workflowId, a)));
      d.getPendingChildrenList().forEach(c -> all.addAll(pending(c.getWorkflowId())));
    });
    return all;
  }

  private Optional<DescribeWorkflowExecutionResponse> describe(String workflowId) {
    try {
      return Optional.of(client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build()));
    } catch (RuntimeException e) {
      return Optional.empty(); // gone or not started: holds nothing
    }
  }
}
