package io.poolrescue.workflows.member;

import io.poolrescue.activities.ha.HaResult;
import io.poolrescue.activities.host.ForgetResult;
import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.SrUse;
import io.poolrescue.activities.inspection.VmSummary;
import io.poolrescue.activities.storage.DefaultSrReport;
import io.poolrescue.activities.storage.LockRelease;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.ApprovalGate;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.fanout.VmBatchResult;
import io.poolrescue.workflows.fanout.VmFanOut;
import io.poolrescue.workflows.fence.FenceOutcome;
import io.poolrescue.workflows.member.MemberGates.SrTarget;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * FORGET, in the order XAPI accepts: the host is off (fenced by its BMC, or confirmed by a person in
 * runs from before fencing), disable HA if on, reset its VMs,
 * release its VDI locks, forget it, enable HA again, restart the VMs elsewhere. Every dangerous step
 * is behind a gate, and every gate re-checks that the host is still dead and silent.
 */
final class MemberForget {
  static final String XAPI_ORDER = "Order follows XAPI, not the seed page: the page forgets the host and then "
      + "resets the VMs, but host.destroy refuses a host that still has resident VMs (HOST_HAS_RESIDENT_VMS) and "
      + "resetvdis needs the host record; so this run resets the VMs, releases the VDI locks, then forgets the host.";
  static final String REINSTALL = "A forgotten host must be reinstalled before it is used again: if it comes back "
      + "as it is, the master refuses it (HOST_UNKNOWN_TO_MASTER).";

  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final ApprovalGate gate;

  /** The run's behaviour version (decided once at its start). */
  private final int version;

  MemberForget(ActivityStubs acts, RunStatusRecorder status, ApprovalGate gate, int version) {
    this.version = version;
    this.acts = acts;
    this.status = status;
    this.gate = gate;
  }

  /**
   * {@code first} is the host as the run found it: with HA on, HA may have reset its VMs before the
   * run confirms the host is off, and they must still be restarted. {@code fenced} is what the
   * fence step found (null in runs from before fencing, where a person confirms the host is off).
   */
  RunResult run(MemberFailureRequest r, HostInspection first, HostInspection dead, FenceOutcome fenced) {
    String pool = r.poolAddress();
    String hostUuid = r.hostUuid();
    boolean attested = fenced != null && fenced.unfenced();
    status.warn(XAPI_ORDER);

    status.start(MemberSteps.CONFIRM_OFF);
    HostInspection confirmed;
    Guard<HostInspection> g;
    if (fenced == null) {
      List<VmSummary> seen = first.residentVms();
      g = gate.approve(hostGuard(r, st -> MemberGates.confirmOff(st, union(seen, st.residentVms()))));
      if (g.stop().isPresent()) {
        return status.stopped(g.stop().get());
      }
      confirmed = g.state();
      status.done(MemberSteps.CONFIRM_OFF, "confirmed by " + g.approval().approvers());
    } else {
      Optional<RunResult> unsafe = HostGuard.stopBeforeDanger(dead, null);
      if (unsafe.isPresent()) {
        return status.stopped(unsafe.get());
      }
      confirmed = dead;
      status.done(MemberSteps.CONFIRM_OFF, fenced.basis());
    }
    boolean haWasOn = confirmed.haEnabled();
    boolean wasPoolMaster = r.formerPoolMaster() || confirmed.poolMaster();
    List<VmSummary> affected = union(first.residentVms(), confirmed.residentVms());
    List<SrUse> affectedSrs = unionSrs(first.srs(), confirmed.srs());

    if (haWasOn) {
      status.start(MemberSteps.DISABLE_HA);
      g = gate.approve(hostGuard(r, MemberGates::disableHa));
      if (g.stop().isPresent()) {
        return status.stopped(g.stop().get());
      }
      HaResult ha = acts.ha.disableHa(pool, g.proof());
      if (ha.action() == HaResult.Action.DISABLED) {
        status.operation("pool.disable_ha", List.of(), "ok", g.gateId());
      }
      status.done(MemberSteps.DISABLE_HA, ha.detail());
    } else {
      status.skip(MemberSteps.DISABLE_HA, "HA is off");
    }

    status.start(MemberSteps.RESET_VMS);
    HostInspection now = acts.inspect.host(pool, hostUuid);
    if (now.residentVms().isEmpty()) {
      status.skip(MemberSteps.RESET_VMS, "no VM is resident on the host any more");
    } else {
      g = gate.approve(hostGuard(r, MemberGates::resetVms));
      if (g.stop().isPresent()) {
        return status.stopped(g.stop().get());
      }
      HostInspection approved = g.state();
      affected = union(affected, approved.residentVms());
      affectedSrs = unionSrs(affectedSrs, approved.srs());
      List<String> vms = approved.residentVms().stream().map(VmSummary::uuid).toList();
      Guard<HostInspection> resetGate = g;
      VmBatchResult reset = onceDeadAgain(pool, hostUuid,
          () -> fanOut(r).reset(pool, hostUuid, false, vms, resetGate.proof(), attested));
      reset.leftAlone().forEach(v -> status.warn("not reset: " + v));
      status.done(MemberSteps.RESET_VMS, reset.applied() + " reset, " + reset.unchanged() + " already Halted");
    }

    status.start(MemberSteps.RELEASE_LOCKS);
    now = acts.inspect.host(pool, hostUuid);
    if (now.srs().stream().noneMatch(u -> u.lockedVdis() > 0)) {
      status.skip(MemberSteps.RELEASE_LOCKS, "the host holds no VDI locks");
    } else {
      List<SrUse> srsBefore = affectedSrs;
      g = gate.approve(hostGuard(r, st -> MemberGates.releaseLocks(st,
          MemberGates.srTargets(srsBefore, st.srs(), wasPoolMaster))));
      if (g.stop().isPresent()) {
        return status.stopped(g.stop().get());
      }
      HostInspection approved = g.state();
      int released = 0;
      for (SrTarget t : MemberGates.srTargets(srsBefore, approved.srs(), wasPoolMaster)) {
        Guard<HostInspection> lockGate = g;
        LockRelease lr = onceDeadAgain(pool, hostUuid, () -> acts.storage.releaseVdiLocks(
            pool, hostUuid, t.use().srUuid(), t.srMaster(), attested, lockGate.proof()));
        if (lr.action() == LockRelease.Action.RELEASED) {
          List<String> args = new ArrayList<>(List.of(hostUuid, t.use().srUuid()));
          if (t.srMaster()) {
            args.add("--master");
          }
          status.operation("resetvdis", args, "ok: " + lr.vdiUuids().size() + " VDIs", g.gateId());
          released += lr.vdiUuids().size();
        }
      }
      status.done(MemberSteps.RELEASE_LOCKS, released + " VDI locks released");
    }

    status.start(MemberSteps.FORGET_HOST);
    g = gate.approve(hostGuard(r, MemberGates::forget));
    if (g.stop().isPresent()) {
      return status.stopped(g.stop().get());
    }
    Guard<HostInspection> forgetGate = g;
    ForgetResult forgot = onceDeadAgain(pool, hostUuid,
        () -> acts.host.forgetHost(pool, hostUuid, attested, forgetGate.proof()));
    if (forgot.action() == ForgetResult.Action.FORGOTTEN) {
      status.operation("host.destroy", List.of(hostUuid), "ok", g.gateId());
    }
    status.done(MemberSteps.FORGET_HOST, forgot.action() + ": " + forgot.detail());

    if (haWasOn) {
      status.start(MemberSteps.ENABLE_HA);
      RunResult haProblem = enableHa(pool);
      if (haProblem != null) {
        return haProblem;
      }
    } else {
      status.skip(MemberSteps.ENABLE_HA, "HA was off");
    }

    status.start(MemberSteps.RESTART_VMS);
    List<String> toStart = affected.stream().map(VmSummary::uuid).toList();
    VmBatchResult started = fanOut(r).start(pool, List.of(hostUuid), toStart, version >= Versions.READINESS);
    List<String> notRestartable = started.failed().stream().map(n -> n.describe()).toList();
    status.done(MemberSteps.RESTART_VMS, started.applied() + " started, " + started.unchanged() + " already running, "
        + notRestartable.size() + " not restartable");
    status.warn(REINSTALL);
    String summary = "host " + MemberEvidence.name(confirmed) + " forgotten; " + (started.applied()
        + started.unchanged()) + " of " + toStart.size() + " VMs running again"
        + (notRestartable.isEmpty() ? "" : ", " + notRestartable.size() + " not restartable")
        + (haWasOn ? "; HA enabled again" : "") + ". " + REINSTALL;
    return new RunResult(Outcome.RECOVERED, summary, notRestartable);
  }

  /** Returns a result only when the run must end here. */
  private RunResult enableHa(String pool) {
    GuardedStep<DefaultSrReport> step = GuardedStep.of(() -> acts.storage.defaultSr(pool),
        d -> MemberGates.enableHa(d, heartbeatSrs(d), pool), DefaultSrReport::fingerprint);
    DefaultSrReport first = step.read();
    if (heartbeatSrs(first).isEmpty()) {
      status.skip(MemberSteps.ENABLE_HA, "no shared SR is plugged on every live host");
      status.warn("HA was on before this run but stays off: no shared SR is plugged on every live host to hold its "
          + "heartbeat; enable it by hand once storage is back");
      return null;
    }
    Guard<DefaultSrReport> g = gate.approve(step);
    if (g.stop().isPresent()) {
      return status.stopped(g.stop().get());
    }
    HaResult ha = acts.ha.enableHa(pool, heartbeatSrs(g.state()), Map.of(), g.proof());
    if (ha.action() == HaResult.Action.ENABLED) {
      status.operation("pool.enable_ha", ha.heartbeatSrUuids(), "ok", g.gateId());
    }
    status.done(MemberSteps.ENABLE_HA, ha.detail() + " with heartbeat SRs " + ha.heartbeatSrUuids());
    return null;
  }

  private static List<String> heartbeatSrs(DefaultSrReport d) {
    if (d.valid()) {
      return List.of(d.defaultSrUuid());
    }
    return d.candidates().isEmpty() ? List.of() : List.of(d.candidates().get(0));
  }

  private HostGuard hostGuard(MemberFailureRequest r, Function<HostInspection, GateRequest> req) {
    return new HostGuard(acts, r.poolAddress(), r.hostUuid(), status::operationsSummary, req,
        version >= Versions.FAULTS ? Optional.of(this::awaitDeadAgain) : Optional.empty());
  }

  /** The master marks the host live again though it stays silent: wait until it declares it dead again. */
  private HostInspection awaitDeadAgain(String pool, String hostUuid, HostInspection live) {
    status.warn("the master marks host " + hostUuid + " live again though nothing answers at its address (its "
        + "agent restarted?): waiting until it declares the host dead again before " + status.current());
    return new DeadWait(acts, status).until(pool, hostUuid, live, status.current(),
        MemberFailureRecoveryImpl.MAX_WAIT_FOR_DEAD);
  }

  /**
   * Makes a dangerous call that the pool refuses while its master marks the host live. From
   * {@link Versions#FAULTS} on, a HOST_IS_LIVE refusal of a host this run saw dead (and fenced) means
   * the master's agent restarted and its liveness timer started over: the run waits until the master
   * declares the host dead again, then makes the call once more under the same approval (the
   * activities re-check it). A host that answers again, or stays live, ends the run as before.
   */
  private <T> T onceDeadAgain(String pool, String hostUuid, Supplier<T> call) {
    while (true) {
      try {
        return call.get();
      } catch (ActivityFailure | ChildWorkflowFailure e) {
        if (version < Versions.FAULTS || !XapiErrors.HOST_IS_LIVE.equals(Failures.code(e))) {
          throw e;
        }
        HostInspection i = awaitDeadAgain(pool, hostUuid, acts.inspect.host(pool, hostUuid));
        if (i.live()) {
          throw e;
        }
      }
    }
  }

  private VmFanOut fanOut(MemberFailureRequest r) {
    return new VmFanOut(acts, status, r.maxParallel());
  }

  private static List<VmSummary> union(List<VmSummary> a, List<VmSummary> b) {
    Map<String, VmSummary> m = new TreeMap<>();
    a.forEach(v -> m.put(v.uuid(), v));
    b.forEach(v -> m.put(v.uuid(), v));
    return List.copyOf(m.values());
  }

  private static List<SrUse> unionSrs(List<SrUse> a, List<SrUse> b) {
    Map<String, SrUse> m = new TreeMap<>();
    a.forEach(s -> m.put(s.srUuid(), s));
    b.forEach(s -> m.put(s.srUuid(), s));
    return List.copyOf(m.values());
  }
}
