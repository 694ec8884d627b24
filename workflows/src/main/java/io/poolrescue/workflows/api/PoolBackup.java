package io.poolrescue.workflows.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Periodic backups the other procedures restore from: pool database (encrypted), host backups, VM metadata. */
@WorkflowInterface
public interface PoolBackup extends RecoveryRun {

  @WorkflowMethod(name = "PoolBackup")
  RunResult run(PoolBackupRequest request);
}
