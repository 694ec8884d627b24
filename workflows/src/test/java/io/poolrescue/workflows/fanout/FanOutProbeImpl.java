package io.poolrescue.workflows.fanout;

import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import java.util.List;

public final class FanOutProbeImpl implements FanOutProbe {

  @Override
  public VmBatchResult start(String poolAddress, List<String> vmUuids, int maxParallel, int childThreshold,
      int version, boolean awaitReady) {
    RunStatusRecorder status = new RunStatusRecorder("FanOutProbe", "test");
    return new VmFanOut(new ActivityStubs(version), status, maxParallel, childThreshold)
        .start(poolAddress, List.of(), vmUuids, awaitReady);
  }
}
