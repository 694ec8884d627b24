package io.poolrescue.workflows.member;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.VmSummary;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.RepairCarry;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.Polling;
import io.poolrescue.workflows.core.Probes;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * REPAIR: an operator repairs the dead host; the run waits durably for it to be live again, then
 * verifies it. From {@link Versions#LONG_WAITS} on, the wait continues as new after a day of polls,
 * so that a wait of months keeps every run's history small.
 */
final class MemberRepair {
  /** Polls per run before the wait continues as new: a day at the 15-minute pace, about 1,100 events. */
  static final int POLLS_PER_RUN = 96;

  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final int version;
  private final Continuation next;

  /** Ends this run and starts the next run of the chain with what it carries. */
  @FunctionalInterface
  interface Continuation {
    void continueAsNew(long waitStartMillis, List<VmSummary> residentBefore);
  }

  MemberRepair(ActivityStubs acts, RunStatusRecorder status, int version, Continuation next) {
    this.acts = acts;
    this.status = status;
    this.version = version;
    this.next = next;
  }

  RunResult run(MemberFailureRequest r, HostInspection dead) {
    status.start(MemberSteps.WAIT_BACK);
    return waitAndVerify(r, dead.residentVms(), Workflow.currentTimeMillis(), dead);
  }

  /** The next run of a chain: the wait goes on from where the previous run left it. */
  RunResult resume(MemberFailureRequest r, RepairCarry c) {
    status.start(MemberSteps.WAIT_BACK);
    return waitAndVerify(r, c.residentBefore(), c.waitStartMillis(), acts.inspect.host(r.poolAddress(), r.hostUuid()));
  }

  private RunResult waitAndVerify(MemberFailureRequest r, List<VmSummary> before, long start, HostInspection dead) {
    HostInspection i = dead;
    int polls = 0;
    while (!i.liveAndAnswering()) {
      if (!i.exists()) {
        return status.failed("host " + r.hostUuid() + " was forgotten while this run waited for it to be repaired");
      }
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      if (version >= Versions.LONG_WAITS && polls >= POLLS_PER_RUN) {
        status.waiting(MemberSteps.WAIT_BACK, "waiting " + waited.toMinutes() + " min; continuing as a new run");
        next.continueAsNew(start, before); // does not return
      }
      status.waiting(MemberSteps.WAIT_BACK, "waiting " + waited.toMinutes() + " min for the host to be repaired; probe: "
          + Probes.describe(i.probe()));
      Workflow.sleep(Polling.after(waited));
      i = acts.inspect.host(r.poolAddress(), r.hostUuid());
      polls++;
    }

    status.done(MemberSteps.WAIT_BACK, "the master marks the host live again");

    status.start(MemberSteps.VERIFY);
    String host = MemberEvidence.name(i);
    if (!(i.probe() instanceof HostProbe.Slave s) || !s.masterAddress().equals(i.masterAddress())) {
      status.fail(MemberSteps.VERIFY, "unexpected answer: " + Probes.describe(i.probe()));
      return status.failed("host " + host + " is live but " + Probes.describe(i.probe()) + ", not a member of "
          + i.masterAddress());
    }
    HostInspection back = i;
    List<String> halted = before.stream().map(VmSummary::uuid)
        .filter(u -> !runsOn(u, back)).toList();
    if (!halted.isEmpty()) {
      status.warn("VMs that ran on the host before it failed are not running on it now; start them if needed: "
          + halted);
    }
    status.done(MemberSteps.VERIFY, "live, answers as a member of " + i.masterAddress());
    return new RunResult(Outcome.RECOVERED, "host " + host + " is live again and follows the master "
        + i.masterAddress() + "; nothing dangerous was needed", List.of());
  }

  private static boolean runsOn(String vmUuid, HostInspection i) {
    return i.residentVms().stream().anyMatch(v -> v.uuid().equals(vmUuid));
  }
}
