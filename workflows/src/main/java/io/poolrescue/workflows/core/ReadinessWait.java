package io.poolrescue.workflows.core;

import io.poolrescue.activities.inspection.HostReadiness;
import io.poolrescue.activities.inspection.ReadinessReport;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Waits, bounded, until the hosts that could take VM starts are ready. After an agent restart
 * (promotion, {@code recover_slaves}, {@code pool.join}, a database restore, a host coming back) a
 * real host first refuses connections, then answers {@code HOST_DISABLED} to starts until it has
 * plugged its PBDs. The wait shows on the current step; once it ends, hosts that still do not
 * answer are kept out of the starts, and disabled ones are left out by the placement.
 */
public final class ReadinessWait {
  /** An agent restart takes seconds, plugging PBDs on iSCSI a minute or two; ten minutes is generous. */
  public static final Duration PATIENCE = Duration.ofMinutes(10);
  public static final Duration POLL = Duration.ofSeconds(10);

  private final ActivityStubs acts;
  private final RunStatusRecorder status;

  public ReadinessWait(ActivityStubs acts, RunStatusRecorder status) {
    this.acts = acts;
    this.status = status;
  }

  /** Returns {@code excluded} plus the hosts that still do not answer as members when the wait ends. */
  public List<String> await(String poolAddress, List<String> excluded) {
    String step = status.current();
    long start = Workflow.currentTimeMillis();
    ReadinessReport r = acts.inspect.readiness(poolAddress, excluded);
    boolean waited = false;
    while (!r.settled()) {
      Duration so = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      if (so.compareTo(PATIENCE) >= 0) {
        status.warn("after " + so.toSeconds() + " s some hosts are still not ready for VM starts; starting on the "
            + r.readyCount() + " ready host(s): " + describe(r));
        break;
      }
      status.waiting(step, "waiting (" + so.toSeconds() + " s of at most " + PATIENCE.toSeconds()
          + " s) for hosts to be ready before starting VMs: " + describe(r));
      Workflow.sleep(POLL);
      waited = true;
      r = acts.inspect.readiness(poolAddress, excluded);
    }
    if (waited && r.settled()) {
      status.running(step, "every host is ready after " + (Workflow.currentTimeMillis() - start) / 1000
          + " s; starting VMs");
    }
    LinkedHashSet<String> out = new LinkedHashSet<>(excluded);
    out.addAll(r.notAnsweringUuids());
    return new ArrayList<>(out);
  }

  /** The master's problem, or each settling host and what was seen of it. */
  public static String describe(ReadinessReport r) {
    if (r.masterProblem() != null) {
      return r.masterProblem();
    }
    return r.settling().stream().map(HostReadiness::describe).collect(Collectors.joining("; "));
  }
}
