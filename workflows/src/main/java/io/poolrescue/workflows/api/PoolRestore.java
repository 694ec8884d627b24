package io.poolrescue.workflows.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Every host of the pool is lost: restore the pool database onto fresh hosts, repair storage, join the others, restart VMs. */
@WorkflowInterface
public interface PoolRestore extends RecoveryRun {

  @WorkflowMethod(name = "PoolRestore")
  RunResult run(PoolRestoreRequest request);
}
