package io.poolrescue.workflows.member;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.Polling;
import io.poolrescue.workflows.core.Probes;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Polls while the master still marks a silent host live: it declares the host dead once its
 * heartbeats have been missing for the master's timeout, which starts over when the master's agent
 * restarts. Returns the last look: dead, answering again, gone, or still live at {@code max}.
 * {@code shownOn}: the step whose status says what the run waits for.
 */
final class DeadWait {
  private final ActivityStubs acts;
  private final RunStatusRecorder status;

  DeadWait(ActivityStubs acts, RunStatusRecorder status) {
    this.acts = acts;
    this.status = status;
  }

  HostInspection until(String pool, String hostUuid, HostInspection i, String shownOn, Duration max) {
    long start = Workflow.currentTimeMillis();
    while (i.live() && !i.liveAndAnswering()) {
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      if (waited.compareTo(max) >= 0) {
        return i;
      }
      status.waiting(shownOn, "the master still marks the host live; last heartbeat " + i.heartbeatAgeSeconds()
          + " s ago; probe: " + Probes.describe(i.probe()));
      Workflow.sleep(Polling.FAST);
      i = acts.inspect.host(pool, hostUuid);
      if (!i.exists()) {
        return i;
      }
    }
    return i;
  }
}
