package io.poolrescue.workflows.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The side beats repeat an activity's details and never erase them: an attempt that dies without
 * beating anything of its own (while the side thread beat for it, past the SDK's first throttled
 * send) still hands the earlier attempt's marker on, and reads it itself. Real time, a real worker
 * with production's factory options.
 */
class SideBeatsKeepDetailsTest {
  private static final String QUEUE = "side-beats";

  @Test
  void anAttemptThatBeatNothingHandsTheEarlierMarkerOn() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkerFactoryOptions(PoolRescueRegistrations.factoryOptions())
        .build())) {
      Worker worker = env.newWorker(QUEUE);
      MarkerProbeImpl probe = new MarkerProbeImpl();
      worker.registerWorkflowImplementationTypes(MarkerProbeRunImpl.class);
      worker.registerActivitiesImplementations(probe);
      env.start();
      long last = env.getWorkflowClient().newWorkflowStub(MarkerProbe.Run.class,
          WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("side-beats-keep").build()).run();

      assertEquals(MarkerProbeImpl.MARKER, last, "the third attempt reads the first one's marker");
      assertEquals(Map.of("1", -1L, "2", MarkerProbeImpl.MARKER, MarkerProbeImpl.AFTER_WAIT, MarkerProbeImpl.MARKER,
          "3", MarkerProbeImpl.MARKER), probe.seen);
    }
  }
}
