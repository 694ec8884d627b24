package io.poolrescue.workflows.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A host runs but its software or configuration is broken: upload its backup, then the operator reboots it into Restore from backup. */
@WorkflowInterface
public interface HostConfigRestore extends RecoveryRun {

  @WorkflowMethod(name = "HostConfigRestore")
  RunResult run(HostConfigRestoreRequest request);
}
