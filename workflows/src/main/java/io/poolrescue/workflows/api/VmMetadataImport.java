package io.poolrescue.workflows.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Recreate VMs from metadata exports (dry run, import, force only behind a gate) and start them. */
@WorkflowInterface
public interface VmMetadataImport extends RecoveryRun {

  @WorkflowMethod(name = "VmMetadataImport")
  RunResult run(VmMetadataImportRequest request);
}
