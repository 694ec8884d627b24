package io.poolrescue.workflows.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A member host stopped heartbeating: repair it, or forget it and restart its VMs elsewhere. */
@WorkflowInterface
public interface MemberFailureRecovery extends RecoveryRun {

  @WorkflowMethod(name = "MemberFailureRecovery")
  RunResult run(MemberFailureRequest request);
}
