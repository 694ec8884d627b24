package io.poolrescue.cli;

import io.poolrescue.workflows.api.StartSignature;
import io.poolrescue.workflows.api.TaskQueues;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.Map;

/** Starts a procedure by workflow type on the {@code pool-recovery} task queue. */
public final class RunStarter {
  private RunStarter() {}

  /**
   * A second start with the same id while the first still runs is refused (FAIL conflict policy): two
   * recoveries of the same host at once must never happen.
   */
  public static WorkflowExecution start(WorkflowClient client, Procedure procedure, String workflowId, Object request) {
    return start(client, procedure, workflowId, request, null);
  }

  /** A signed start carries its signature in the memo, where the workflow reads it before anything else. */
  public static WorkflowExecution start(WorkflowClient client, Procedure procedure, String workflowId, Object request,
      StartSignature signature) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.POOL_RECOVERY)
            .setWorkflowId(workflowId)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL);
    if (signature != null) {
      options.setMemo(Map.of(StartSignature.MEMO, signature));
    }
    return client.newUntypedWorkflowStub(procedure.workflowType(), options.build()).start(request);
  }
}
