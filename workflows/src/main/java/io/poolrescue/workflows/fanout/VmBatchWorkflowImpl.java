package io.poolrescue.workflows.fanout;

import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;

/** Runs one chunk with the same bounded fan-out as the parent, never nesting further. */
public final class VmBatchWorkflowImpl implements VmBatchWorkflow {

  @Override
  public VmBatchResult run(VmBatchRequest request) {
    RunStatusRecorder status = new RunStatusRecorder("VmBatch", null);
    return new VmFanOut(new ActivityStubs(), status, request.maxParallel(), Integer.MAX_VALUE)
        .runLocally(request);
  }
}
