package io.poolrescue.launcher;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How long the work a killed worker held stays stalled: from the kill until none of the activities
 * it was running (in the run or its children) is still pending on it, because another worker took
 * the retry or the activity ended. Read from the server (DescribeWorkflowExecution), not guessed.
 */
final class KillStall {
  private final WorkflowClient client;

  KillStall(WorkflowClient client) {
    this.client = client;
  }

  /** The ids ("workflowId/activityId") of activities started by {@code worker} and not yet ended. */
  Set<String> heldBy(String workflowId, String worker) {
    return pending(workflowId).stream()
        .filter(p -> p.activity().getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
            && worker.equals(p.activity().getLastWorkerIdentity()))
        .map(Held::id).collect(Collectors.toSet());
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

  private record Held(String workflowId, PendingActivityInfo activity) {
    String id() {
      return workflowId + "/" + activity.getActivityId();
    }
  }

  private List<Held> pending(String workflowId) {
    List<Held> all = new ArrayList<>();
    DescribeWorkflowExecutionResponse d;
    try {
      d = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build());
    } catch (RuntimeException e) {
      return all; // gone or not started: holds nothing
    }
    d.getPendingActivitiesList().forEach(a -> all.add(new Held(workflowId, a)));
    d.getPendingChildrenList().forEach(c -> all.addAll(pending(c.getWorkflowId())));
    return all;
  }
}
