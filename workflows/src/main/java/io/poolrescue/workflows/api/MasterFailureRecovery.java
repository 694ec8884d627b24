package io.poolrescue.workflows.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The pool master is gone: wait for it or HA, promote a member, recover the members, then treat the old master as a failed member. */
@WorkflowInterface
public interface MasterFailureRecovery extends RecoveryRun {

  @WorkflowMethod(name = "MasterFailureRecovery")
  RunResult run(MasterFailureRequest request);
}
