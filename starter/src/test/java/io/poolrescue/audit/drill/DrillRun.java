package io.poolrescue.audit.drill;

import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A deliberately tiny procedure for testing the audit machinery on its own: inspect, one gate,
 * one pool operation, inspect again. The real procedures are audited in their own tests.
 */
@WorkflowInterface
public interface DrillRun extends RecoveryRun {

  @WorkflowMethod(name = "DrillRun")
  RunResult run(DrillRequest request);

  record DrillRequest(String poolAddress, String vmUuid, String requestedBy, String note) {}
}
