package io.poolrescue.workflows.fanout;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Internal child workflow: one chunk of a fan-out over thousands of VMs, so that no single history
 * grows near Temporal's limits. Not meant to be started by people.
 */
@WorkflowInterface
public interface VmBatchWorkflow {

  @WorkflowMethod(name = "VmBatch")
  VmBatchResult run(VmBatchRequest request);
}
