package io.poolrescue.activities.backupstore;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.function.Predicate;

/**
 * Whether a backup's holder (a run's workflow id) still runs, asked of Temporal: a restore that was
 * terminated never released its hold, and retention must not keep that backup forever.
 */
final class RunningRuns implements Predicate<String> {
  private final WorkflowClient client;

  RunningRuns(WorkflowClient client) {
    this.client = client;
  }

  /** Without a client every holder counts as running: a backup is kept rather than lost. */
  static Predicate<String> of(WorkflowClient client) {
    return client == null ? holder -> true : new RunningRuns(client);
  }

  @Override
  public boolean test(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}
