package io.poolrescue.workflows.fanout;

import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * Runs one chunk with the same bounded fan-out as the parent, never nesting further. Only as a
 * child: its resets and starts rest on the parent procedure's gates, so a batch started on its own
 * (anyone who reaches the frontend could) is refused before it schedules anything.
 */
public final class VmBatchWorkflowImpl implements VmBatchWorkflow {
  /** Failure type of a batch started outside a procedure run. */
  public static final String NOT_A_CHILD = "NOT_A_CHILD_OF_A_PROCEDURE";

  @Override
  public VmBatchResult run(VmBatchRequest request) {
    // the server sets the parent, not the request: a forged "parent" field cannot pass this
    if (Workflow.getInfo().getParentWorkflowId().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("VmBatch runs only as a child of a recovery procedure, "
          + "behind its approved gates; it was started on its own and did nothing", NOT_A_CHILD);
    }
    RunStatusRecorder status = new RunStatusRecorder("VmBatch", null);
    // the parent decided the version and the site; the child follows them and decides none of its own
    return new VmFanOut(ActivityStubs.on(request.behaviourVersion(), request.route(), status), status,
        request.maxParallel(), Integer.MAX_VALUE)
        .runLocally(request);
  }
}
