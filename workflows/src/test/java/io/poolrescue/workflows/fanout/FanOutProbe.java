package io.poolrescue.workflows.fanout;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Test-only workflow: starts VMs through {@link VmFanOut} with a small child threshold, as a behaviour
 * version does; with {@code awaitReady}, as a recovery does after agent restarts.
 */
@WorkflowInterface
public interface FanOutProbe {

  @WorkflowMethod
  VmBatchResult start(String poolAddress, List<String> vmUuids, int maxParallel, int childThreshold, int version,
      boolean awaitReady);
}
