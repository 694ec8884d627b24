package io.poolrescue.workflows.member;

import io.poolrescue.activities.ha.HaResult;
import io.poolrescue.activities.host.ForgetResult;
import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.SrUse;
import io.poolrescue.activities.inspection.VmSummary;
import io.poolrescue.activities.storage.DefaultSrReport;
import io.poolrescue.activities.storage.LockRelease;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.core.ApprovalGate;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.Polling;
import io.poolrescue.workflows.core.RecoveryActivities;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.fanout.VmBatchResult;
import io.poolrescue.workflows.fanout.VmFanOut;
import io.poolrescue.workflows.member.MemberGates.SrTarget;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A member stopped heartbeating. REPAIR waits for it to come back; FORGET resets its VMs, releases
 * its VDI locks, forgets it and restarts its VMs elsewhere, each dangerous step behind a gate.
 */
public final class MemberFailureRecoveryImpl implements MemberFailureRecovery {
  /** The master declares a silent host dead after 600 s by default; an hour covers a tuned xapi.conf too. */
  static final Duration MAX_WAIT_FOR_DEAD = Duration.ofHours(1);

  static final String XAPI_ORDER = "Order follows XAPI, not the seed page: the page forgets the host and then "
      + "resets the VMs, but host.destroy refuses a host that still has resident VMs (HOST_HAS_RESIDENT_VMS) and "
      + "resetvdis needs the host record; so this run resets the VMs, releases the VDI locks, then forgets the host.";
  static final String REINSTALL = "A forgotten host must be reinstalled before it is used again: if it comes back "
      + "as it is, the master refuses it (HOST_UNKNOWN_TO_MASTER).";

  private final RecoveryActivities acts = new RecoveryActivities();
  private final RunStatusRecorder status;
  private final ApprovalGate gate;
  private String step = "inspect";

  @WorkflowInit
  public MemberFailureRecoveryImpl(MemberFailureRequest r) {
    status = new RunStatusRecorder("MemberFailureRecovery", r == null ? null : r.requestedBy());
    gate = new ApprovalGate(r == null ? null : r.approvals(), r == null ? null : r.requestedBy(), status,
        acts.notify);
  }

  @Override
  public RunStatus status() {
    return status.status();
  }

  @Override
  public GateDecision decide(DecideRequest request) {
    return gate.decide(request);
  }

  @Override
  public void validateDecide(DecideRequest request) {
    gate.validate(request);
  }

  @Override
  public RunResult run(MemberFailureRequest r) {
    try {
      return status.finish(recover(r));
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      status.fail(step, Failures.describe(e));
      return status.finish(new RunResult(Outcome.FAILED, "step " + step + ": " + Failures.describe(e)
          + doneSoFarText(), List.of()));
    }
  }

  private RunResult recover(MemberFailureRequest r) {
    String problem = invalid(r);
    if (problem != null) {
      return new RunResult(Outcome.FAILED, "invalid request: " + problem + "; nothing done", List.of());
    }
    plan(r.mode());
    begin("inspect");
    HostInspection i = acts.inspect.host(r.poolAddress(), r.hostUuid());
    String host = MemberEvidence.name(i);
    if (!i.exists()) {
      return failed("host " + r.hostUuid() + " is not known to the master at " + r.poolAddress()
          + " (wrong uuid, or already forgotten); nothing done");
    }
    if (i.poolMaster()) {
      return failed("host " + host + " is the pool master; use MasterFailureRecovery; nothing done");
    }
    if (i.liveAndAnswering()) {
      return failed("host " + host + " is live: the master marks it live and it " + MemberEvidence.probe(i.probe())
          + "; there is nothing to recover and nothing was done");
    }
    status.done("inspect", "live=" + i.live() + ", heartbeat " + i.heartbeatAgeSeconds() + " s ago, probe: "
        + MemberEvidence.probe(i.probe()) + ", " + i.residentVms().size() + " resident VMs, HA "
        + (i.haEnabled() ? "on" : "off"));

    begin("wait-dead");
    i = waitUntilDead(r, i);
    if (i.live()) {
      if (i.liveAndAnswering()) {
        status.done("wait-dead", "the host came back before the master declared it dead");
        status.skipRest("the host came back");
        return new RunResult(Outcome.NOTHING_TO_DO, "host " + host + " answered again before the master declared it "
            + "dead; nothing dangerous was done", List.of());
      }
      return failed("the master still marks host " + host + " live after " + MAX_WAIT_FOR_DEAD
          + " although nothing answers at its address; nothing dangerous was done");
    }
    status.done("wait-dead", "the master marks the host dead (last heartbeat " + i.heartbeatAgeSeconds() + " s ago)");
    return r.mode() == Mode.REPAIR ? repair(r, i) : forget(r, i);
  }

  private void plan(Mode mode) {
    status.plan("inspect", "Inspect the host, its VMs, SRs and locks");
    status.plan("wait-dead", "Wait until the master declares the host dead (or it comes back)");
    if (mode == Mode.REPAIR) {
      status.plan("wait-back", "Wait for the repaired host to come back");
      status.plan("verify", "Verify the host is live and follows the master");
      return;
    }
    status.plan("confirm-off", "Confirm the host is powered off");
    status.plan("disable-ha", "Disable HA (needed to forget a host)");
    status.plan("reset-vms", "Reset the power state of the host's VMs");
    status.plan("release-locks", "Release the host's VDI locks (resetvdis)");
    status.plan("forget-host", "Forget the host (host.destroy)");
    status.plan("enable-ha", "Enable HA again");
    status.plan("restart-vms", "Restart the VMs on other hosts, in HA priority order");
  }

  /** Polls every 30 s while the master still marks the host live and nothing answers at its address. */
  private HostInspection waitUntilDead(MemberFailureRequest r, HostInspection i) {
    long start = Workflow.currentTimeMillis();
    while (i.live() && !i.liveAndAnswering()) {
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      if (waited.compareTo(MAX_WAIT_FOR_DEAD) >= 0) {
        return i;
      }
      status.waiting("wait-dead", "the master still marks the host live; last heartbeat "
          + i.heartbeatAgeSeconds() + " s ago; probe: " + MemberEvidence.probe(i.probe()));
      Workflow.sleep(Polling.FAST);
      i = acts.inspect.host(r.poolAddress(), r.hostUuid());
      if (!i.exists()) {
        return i;
      }
    }
    return i;
  }

  private RunResult repair(MemberFailureRequest r, HostInspection dead) {
    begin("wait-back");
    List<VmSummary> before = dead.residentVms();
    long start = Workflow.currentTimeMillis();
    HostInspection i = dead;
    while (!i.liveAndAnswering()) {
      if (!i.exists()) {
        return failed("host " + r.hostUuid() + " was forgotten while this run waited for it to be repaired");
      }
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      status.waiting("wait-back", "waiting " + waited.toMinutes() + " min for the host to be repaired; probe: "
          + MemberEvidence.probe(i.probe()));
      Workflow.sleep(Polling.after(waited));
      i = acts.inspect.host(r.poolAddress(), r.hostUuid());
    }
    status.done("wait-back", "the master marks the host live again");

    begin("verify");
    String host = MemberEvidence.name(i);
    if (!(i.probe() instanceof HostProbe.Slave s) || !s.masterAddress().equals(i.masterAddress())) {
      status.fail("verify", "unexpected answer: " + MemberEvidence.probe(i.probe()));
      return failed("host " + host + " is live but " + MemberEvidence.probe(i.probe()) + ", not a member of "
          + i.masterAddress());
    }
    HostInspection back = i;
    List<String> halted = before.stream().map(VmSummary::uuid)
        .filter(u -> !runsOn(u, back)).toList();
    if (!halted.isEmpty()) {
      status.warn("VMs that ran on the host before it failed are not running on it now; start them if needed: "
          + halted);
    }
    status.done("verify", "live, answers as a member of " + i.masterAddress());
    return new RunResult(Outcome.RECOVERED, "host " + host + " is live again and follows the master "
        + i.masterAddress() + "; nothing dangerous was needed", List.of());
  }

  private static boolean runsOn(String vmUuid, HostInspection i) {
    return i.residentVms().stream().anyMatch(v -> v.uuid().equals(vmUuid));
  }

  private RunResult forget(MemberFailureRequest r, HostInspection dead) {
    String pool = r.poolAddress();
    String hostUuid = r.hostUuid();
    status.warn(XAPI_ORDER);

    begin("confirm-off");
    Guard<HostInspection> g = gate.approve(hostGuard(r, MemberGates::confirmOff));
    if (g instanceof Guard.Stop<HostInspection> stop) {
      return stopped(stop.result());
    }
    HostInspection confirmed = ((Guard.Proceed<HostInspection>) g).state();
    status.done("confirm-off", "confirmed by " + ((Guard.Proceed<HostInspection>) g).approval().approvers());
    boolean haWasOn = confirmed.haEnabled();
    boolean wasPoolMaster = r.formerPoolMaster() || confirmed.poolMaster();
    List<VmSummary> affected = confirmed.residentVms();
    List<SrUse> affectedSrs = confirmed.srs();

    if (haWasOn) {
      begin("disable-ha");
      g = gate.approve(hostGuard(r, MemberGates::disableHa));
      if (g instanceof Guard.Stop<HostInspection> stop) {
        return stopped(stop.result());
      }
      HaResult ha = acts.ha.disableHa(pool);
      if (ha.action() == HaResult.Action.DISABLED) {
        status.operation("pool.disable_ha", List.of(), "ok", gateId(g));
      }
      status.done("disable-ha", ha.detail());
    } else {
      status.skip("disable-ha", "HA is off");
    }

    begin("reset-vms");
    HostInspection now = acts.inspect.host(pool, hostUuid);
    if (now.residentVms().isEmpty()) {
      status.skip("reset-vms", "no VM is resident on the host any more");
    } else {
      g = gate.approve(hostGuard(r, MemberGates::resetVms));
      if (g instanceof Guard.Stop<HostInspection> stop) {
        return stopped(stop.result());
      }
      HostInspection approved = ((Guard.Proceed<HostInspection>) g).state();
      affected = union(affected, approved.residentVms());
      affectedSrs = unionSrs(affectedSrs, approved.srs());
      List<String> vms = approved.residentVms().stream().map(VmSummary::uuid).toList();
      VmBatchResult reset = fanOut(r).reset(pool, hostUuid, false, vms, gateId(g));
      reset.leftAlone().forEach(v -> status.warn("not reset: " + v));
      status.done("reset-vms", reset.applied() + " reset, " + reset.unchanged() + " already Halted");
    }

    begin("release-locks");
    now = acts.inspect.host(pool, hostUuid);
    if (MemberGates.srTargets(affectedSrs, now.srs(), wasPoolMaster).isEmpty()) {
      status.skip("release-locks", "the host holds no VDI locks and its VMs have no disks");
    } else {
      List<SrUse> srsBefore = affectedSrs;
      g = gate.approve(hostGuard(r, st -> MemberGates.releaseLocks(st,
          MemberGates.srTargets(srsBefore, st.srs(), wasPoolMaster))));
      if (g instanceof Guard.Stop<HostInspection> stop) {
        return stopped(stop.result());
      }
      HostInspection approved = ((Guard.Proceed<HostInspection>) g).state();
      int released = 0;
      for (SrTarget t : MemberGates.srTargets(srsBefore, approved.srs(), wasPoolMaster)) {
        LockRelease lr = acts.storage.releaseVdiLocks(pool, hostUuid, t.use().srUuid(), t.srMaster());
        if (lr.action() == LockRelease.Action.RELEASED) {
          List<String> args = new ArrayList<>(List.of(hostUuid, t.use().srUuid()));
          if (t.srMaster()) {
            args.add("--master");
          }
          status.operation("resetvdis", args, "ok: " + lr.vdiUuids().size() + " VDIs", gateId(g));
          released += lr.vdiUuids().size();
        }
      }
      status.done("release-locks", released + " VDI locks released");
    }

    begin("forget-host");
    g = gate.approve(hostGuard(r, MemberGates::forget));
    if (g instanceof Guard.Stop<HostInspection> stop) {
      return stopped(stop.result());
    }
    ForgetResult forgot = acts.host.forgetHost(pool, hostUuid);
    if (forgot.action() == ForgetResult.Action.FORGOTTEN) {
      status.operation("host.destroy", List.of(hostUuid), "ok", gateId(g));
    }
    status.done("forget-host", forgot.action() + ": " + forgot.detail());

    if (haWasOn) {
      begin("enable-ha");
      RunResult haProblem = enableHa(pool);
      if (haProblem != null) {
        return haProblem;
      }
    } else {
      status.skip("enable-ha", "HA was off");
    }

    begin("restart-vms");
    List<String> toStart = affected.stream().map(VmSummary::uuid).toList();
    VmBatchResult started = fanOut(r).start(pool, List.of(hostUuid), toStart);
    List<String> notRestartable = started.failed().stream().map(n -> n.describe()).toList();
    status.done("restart-vms", started.applied() + " started, " + started.unchanged() + " already running, "
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
    GuardedStep<DefaultSrReport> step = new GuardedStep<>() {
      @Override
      public DefaultSrReport read() {
        return acts.storage.defaultSr(pool);
      }

      @Override
      public Optional<RunResult> stopBefore(DefaultSrReport d) {
        return Optional.empty();
      }

      @Override
      public GateRequest request(DefaultSrReport d) {
        return MemberGates.enableHa(d, heartbeatSrs(d), pool);
      }

      @Override
      public String fingerprintNow() {
        return acts.storage.defaultSr(pool).fingerprint();
      }
    };
    DefaultSrReport first = step.read();
    if (heartbeatSrs(first).isEmpty()) {
      status.skip("enable-ha", "no shared SR is plugged on every live host");
      status.warn("HA was on before this run but stays off: no shared SR is plugged on every live host to hold its "
          + "heartbeat; enable it by hand once storage is back");
      return null;
    }
    Guard<DefaultSrReport> g = gate.approve(step);
    if (g instanceof Guard.Stop<DefaultSrReport> stop) {
      return stopped(stop.result());
    }
    Guard.Proceed<DefaultSrReport> ok = (Guard.Proceed<DefaultSrReport>) g;
    HaResult ha = acts.ha.enableHa(pool, heartbeatSrs(ok.state()), Map.of());
    if (ha.action() == HaResult.Action.ENABLED) {
      status.operation("pool.enable_ha", ha.heartbeatSrUuids(), "ok", ok.approval().gateId());
    }
    status.done("enable-ha", ha.detail() + " with heartbeat SRs " + ha.heartbeatSrUuids());
    return null;
  }

  private static List<String> heartbeatSrs(DefaultSrReport d) {
    if (d.valid()) {
      return List.of(d.defaultSrUuid());
    }
    return d.candidates().isEmpty() ? List.of() : List.of(d.candidates().get(0));
  }

  private HostGuard hostGuard(MemberFailureRequest r, java.util.function.Function<HostInspection, GateRequest> req) {
    return new HostGuard(acts, r.poolAddress(), r.hostUuid(), this::doneSoFar, req);
  }

  private VmFanOut fanOut(MemberFailureRequest r) {
    return new VmFanOut(acts, status, r.maxParallel());
  }

  private static String gateId(Guard<?> g) {
    return ((Guard.Proceed<?>) g).approval().gateId();
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

  /** What dangerous operations ran so far, for messages; null when none did. */
  private String doneSoFar() {
    List<OperationApplied> ops = status.operations();
    if (ops.isEmpty()) {
      return null;
    }
    return ops.stream().collect(Collectors.groupingBy(OperationApplied::call, java.util.LinkedHashMap::new,
            Collectors.counting()))
        .entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "));
  }

  private String doneSoFarText() {
    String done = doneSoFar();
    return done == null ? "; nothing dangerous was done" : "; already done: " + done;
  }

  private RunResult stopped(RunResult result) {
    status.skipRest(result.outcome() + ": " + result.summary());
    return result;
  }

  private RunResult failed(String summary) {
    status.fail(step, summary);
    return new RunResult(Outcome.FAILED, summary, List.of());
  }

  private void begin(String id) {
    step = id;
    status.start(id);
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
