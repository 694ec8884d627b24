package io.poolrescue.workflows.member;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RepairCarry;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.Probes;
import io.poolrescue.workflows.core.RunTarget;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.fence.FenceOutcome;
import io.poolrescue.workflows.fence.FenceTarget;
import io.poolrescue.workflows.fence.HostFence;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A member stopped heartbeating. REPAIR waits for it to come back; FORGET resets its VMs, releases
 * its VDI locks, forgets it and restarts its VMs elsewhere, each dangerous step behind a gate.
 */
public final class MemberFailureRecoveryImpl extends GatedRun implements MemberFailureRecovery {
  /** The master declares a silent host dead after 600 s by default; an hour covers a tuned xapi.conf too. */
  static final Duration MAX_WAIT_FOR_DEAD = Duration.ofHours(1);

  /** What an earlier run of this REPAIR chain handed over; null in a run a person started. */
  private final RepairCarry carried;

  @WorkflowInit
  public MemberFailureRecoveryImpl(MemberFailureRequest r) {
    super("MemberFailureRecovery", r, r == null ? null : r.requestedBy(), r == null ? null : r.approvals(),
        r == null ? RunTarget.NONE : RunTarget.of(r.poolAddress(), r.poolAddress()));
    carried = r == null || r.mode() != Mode.REPAIR ? null : r.carried();
  }

  @Override
  protected Inherited inherited() {
    return carried == null ? null : new Inherited(carried.lockKey(), carried.authority(), carried.route());
  }

  @Override
  public RunResult run(MemberFailureRequest r) {
    return frame(invalid(r), () -> recover(r), () -> r.poolAddress()); // a lambda: r may be null
  }

  @Override
  protected String failureSuffix() {
    String done = status.operationsSummary();
    return done == null ? "; nothing dangerous was done" : "; already done: " + done;
  }

  @Override
  protected boolean failedStepShowsSummary() {
    return true;
  }

  private RunResult recover(MemberFailureRequest r) {
    if (carried != null && version >= Versions.LONG_WAITS) {
      return resumeRepair(r);
    }
    plan(r.mode());
    overview(r.poolAddress()); // the pool before the run, for the audit report
    status.start(MemberSteps.INSPECT);
    HostInspection first = acts.inspect.host(r.poolAddress(), r.hostUuid());
    HostInspection i = first;
    String host = MemberEvidence.name(i);
    if (!i.exists()) {
      return status.failed("host " + r.hostUuid() + " is not known to the master at " + r.poolAddress()
          + " (wrong uuid, or already forgotten); nothing done");
    }
    if (i.poolMaster()) {
      return status.failed("host " + host + " is the pool master; use MasterFailureRecovery; nothing done");
    }
    if (fences(r) ? i.live() && servesAsMember(i) : i.liveAndAnswering()) {
      return status.failed("host " + host + " is live: the master marks it live and it " + Probes.describe(i.probe())
          + "; there is nothing to recover and nothing was done");
    }
    status.done(MemberSteps.INSPECT, "live=" + i.live() + ", heartbeat " + i.heartbeatAgeSeconds() + " s ago, probe: "
        + Probes.describe(i.probe()) + ", " + i.residentVms().size() + " resident VMs, HA "
        + (i.haEnabled() ? "on" : "off"));

    FenceOutcome fenced = null;
    if (fences(r)) {
      // Before waiting for the master: a host that still runs (network cut, broken agent) must go off
      // first, and only the BMC can say it did.
      status.start(MemberSteps.FENCE);
      fenced = new HostFence(acts, status, gate).fence(MemberSteps.FENCE, fenceTarget(r, host));
      if (fenced.stop().isPresent()) {
        return fenced.stop().get();
      }
      i = acts.inspect.host(r.poolAddress(), r.hostUuid());
    }

    status.start(MemberSteps.WAIT_DEAD);
    i = new DeadWait(acts, status).until(r.poolAddress(), r.hostUuid(), i, MemberSteps.WAIT_DEAD.id(),
        MAX_WAIT_FOR_DEAD);
    if (i.live()) {
      if (i.liveAndAnswering()) {
        status.done(MemberSteps.WAIT_DEAD, "the host came back before the master declared it dead");
        status.skipRest("the host came back");
        return new RunResult(Outcome.NOTHING_TO_DO, "host " + host + " answered again before the master declared it "
            + "dead; nothing dangerous was done", List.of());
      }
      return status.failed("the master still marks host " + host + " live after " + MAX_WAIT_FOR_DEAD
          + " although nothing answers at its address; nothing dangerous was done");
    }
    status.done(MemberSteps.WAIT_DEAD, "the master marks the host dead (last heartbeat " + i.heartbeatAgeSeconds() + " s ago)");
    return r.mode() == Mode.REPAIR ? repair(r, 1).run(r, i)
        : new MemberForget(acts, status, gate, version).run(r, first, i, fenced);
  }

  /** REPAIR, as run {@code run} of its chain; a long wait hands over to run {@code run + 1}. */
  private MemberRepair repair(MemberFailureRequest r, int run) {
    return new MemberRepair(acts, status, version, (start, before) -> {
      Inherited held = toInherit();
      Workflow.continueAsNew(r.carrying(new RepairCarry(start, before, held.lockKey(), held.authority(), run + 1,
          held.route())));
    });
  }

  /** A continued REPAIR run: the steps before the wait were done by the chain's first run. */
  private RunResult resumeRepair(MemberFailureRequest r) {
    plan(r.mode());
    String earlier = "done by the first run of this chain (this is run " + carried.run() + ")";
    status.done(MemberSteps.INSPECT, earlier);
    status.done(MemberSteps.WAIT_DEAD, earlier);
    return repair(r, carried.run()).resume(r, carried);
  }

  private void plan(Mode mode) {
    MemberSteps.plan(mode, version).forEach(status::plan);
  }

  /** FORGET assumes the host is off: from {@link Versions#FENCING} on, its BMC must say so. */
  private boolean fences(MemberFailureRequest r) {
    return r.mode() == Mode.FORGET && version >= Versions.FENCING;
  }

  /** Answers as a member or master of a pool: a working host, not a broken or restarting one. */
  private static boolean servesAsMember(HostInspection i) {
    return i.probe() instanceof HostProbe.Slave || i.probe() instanceof HostProbe.Master;
  }

  private FenceTarget fenceTarget(MemberFailureRequest r, String name) {
    return new FenceTarget(r.hostUuid(), name,
        () -> MemberEvidence.of(acts.inspect.host(r.poolAddress(), r.hostUuid())),
        () -> acts.inspect.hostFingerprint(r.poolAddress(), r.hostUuid()));
  }

  static String invalid(MemberFailureRequest r) {
    if (r == null) {
      return "the request is empty";
    }
    List<String> missing = new ArrayList<>();
    if (r.poolAddress() == null || r.poolAddress().isBlank()) {
      missing.add("poolAddress");
    }
    if (r.hostUuid() == null || r.hostUuid().isBlank()) {
      missing.add("hostUuid");
    }
    if (r.mode() == null) {
      missing.add("mode (REPAIR or FORGET)");
    }
    if (r.requestedBy() == null || r.requestedBy().isBlank()) {
      missing.add("requestedBy (needed for the four-eyes rule)");
    }
    if (r.maxParallel() < 0) {
      missing.add("maxParallel >= 0");
    }
    return missing.isEmpty() ? null : "missing or wrong: " + String.join(", ", missing);
  }
}
