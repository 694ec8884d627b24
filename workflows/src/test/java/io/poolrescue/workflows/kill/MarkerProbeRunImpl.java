package io.poolrescue.workflows.kill;

import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.Versions;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Test-only: runs {@link MarkerProbe} under pool-call options of the current version, three attempts. */
public final class MarkerProbeRunImpl implements MarkerProbe.Run {
  private final MarkerProbe probe = Workflow.newActivityStub(MarkerProbe.class,
      ActivityStubs.forVersion(ActivityOptions.newBuilder(ActivityStubs.CALLS)
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumAttempts(3)
              .build())
          .build(), Versions.CURRENT));

  @Override
  public long run() {
    return probe.step();
  }
}
