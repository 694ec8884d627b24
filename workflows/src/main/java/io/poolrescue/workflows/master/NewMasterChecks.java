package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.PoolOverview;
import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.activities.storage.DefaultSrChange;
import io.poolrescue.activities.storage.DefaultSrReport;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.core.ApprovalGate;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.Probes;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What is checked once a pool has a new master, whether HA elected it or a person promoted it: every
 * member follows it, and the default SR is usable (a gate proposes a shared SR when it is not).
 * Each method returns a result only when the run must end there.
 */
final class NewMasterChecks {
  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final ApprovalGate gate;
  /** How long members may take to follow the new master (their agents restart), and how often to look. */
  private final Duration patience;
  private final Duration poll;
  /** From {@link Versions#READINESS} on, a member that does not answer is waited for too: it may be restarting. */
  private final int version;

  NewMasterChecks(ActivityStubs acts, RunStatusRecorder status, ApprovalGate gate, Duration patience, Duration poll,
      int version) {
    this.version = version;
    this.acts = acts;
    this.status = status;
    this.gate = gate;
    this.patience = patience;
    this.poll = poll;
  }

  /** Both checks, in order: the members follow the new master, then its default SR. */
  RunResult verify(MasterFailureRequest r, String master, List<String> everyone) {
    RunResult notFollowing = membersFollow(master, everyone, r.oldMasterAddress());
    return notFollowing != null ? notFollowing : defaultSr(r, master);
  }

  /** Every member that answers must follow the new master; members that do not answer are reported. */
  RunResult membersFollow(String master, List<String> everyone, String oldMaster) {
    status.start(MasterSteps.VERIFY);
    long start = Workflow.currentTimeMillis();
    while (true) {
      ProbeReport p = acts.inspect.probeAll(everyone);
      List<String> lagging = new ArrayList<>();
      List<String> silent = new ArrayList<>();
      for (HostProbe h : p.probes()) {
        if (h.address().equals(master)) {
          continue;
        }
        if (!h.answers()) {
          silent.add(h.address());
        } else if (!(h instanceof HostProbe.Slave s && s.masterAddress().equals(master))) {
          lagging.add(h.address() + " " + Probes.describe(h));
        }
      }
      boolean outOfTime = Duration.ofMillis(Workflow.currentTimeMillis() - start).compareTo(patience) >= 0;
      List<String> restarting = outOfTime ? List.of() : restarting(master, silent, oldMaster);
      if (lagging.isEmpty() && restarting.isEmpty()) {
        PoolOverview o = acts.inspect.pool(master);
        String detail = "members follow " + master + "; pool master is " + o.masterAddress()
            + (silent.isEmpty() ? "" : "; not answering: " + silent);
        status.done(MasterSteps.VERIFY, detail);
        return null;
      }
      if (outOfTime) {
        return status.failed("members do not follow the new master " + master + ": " + lagging);
      }
      List<String> waitingFor = new ArrayList<>(lagging);
      restarting.forEach(a -> waitingFor.add(a + " (live for the new master but not answering: restarting its agent)"));
      status.waiting(MasterSteps.VERIFY, "waiting for " + waitingFor);
      Workflow.sleep(poll);
    }
  }

  /**
   * From {@link Versions#READINESS} on: the silent members the new master holds live, which are
   * restarting their agents after recover_slaves and worth waiting for (the old master is not).
   */
  private List<String> restarting(String master, List<String> silent, String oldMaster) {
    List<String> candidates = silent.stream().filter(a -> !a.equals(oldMaster)).toList();
    if (version < Versions.READINESS || candidates.isEmpty()) {
      return List.of();
    }
    PoolOverview o = acts.inspect.pool(master);
    return candidates.stream()
        .filter(a -> o.hosts().stream().anyMatch(h -> h.address().equals(a) && h.live()))
        .toList();
  }

  /** Returns a result only when the run must end here. */
  RunResult defaultSr(MasterFailureRequest r, String master) {
    status.start(MasterSteps.DEFAULT_SR);
    DefaultSrReport d = acts.storage.defaultSr(master);
    if (d.valid()) {
      status.done(MasterSteps.DEFAULT_SR, "default SR " + d.defaultSrUuid() + " is shared and plugged on every live host");
      return null;
    }
    String wanted = r.defaultSrUuid() != null && !r.defaultSrUuid().isBlank() ? r.defaultSrUuid() : null;
    if (wanted != null && !d.candidates().contains(wanted)) {
      return status.failed("the requested default SR " + wanted + " is not a shared SR plugged on every live host ("
          + d.candidates() + "); " + d.problem());
    }
    String sr = wanted != null ? wanted : d.candidates().isEmpty() ? null : d.candidates().get(0);
    if (sr == null) {
      status.warn("the default SR is not valid (" + d.problem() + ") and no shared SR is plugged on every live host; "
          + "set one by hand once storage is back");
      status.skip(MasterSteps.DEFAULT_SR, d.problem());
      return null;
    }
    Guard<DefaultSrReport> g = gate.approve(GuardedStep.of(() -> acts.storage.defaultSr(master),
        now -> MasterGates.setDefaultSr(now, sr, master), DefaultSrReport::fingerprint));
    if (g.stop().isPresent()) {
      return status.stopped(g.stop().get());
    }
    if (g.state().valid()) {
      status.done(MasterSteps.DEFAULT_SR, "became valid meanwhile: " + g.state().defaultSrUuid());
      return null;
    }
    DefaultSrChange change = acts.storage.setDefaultSr(master, sr, g.proof());
    if (change.changed()) {
      status.operation("pool.set_default_SR", List.of(sr), "ok", g.gateId());
    }
    status.done(MasterSteps.DEFAULT_SR, "default SR set to " + sr + " (was " + change.previousSrUuid() + ")");
    return null;
  }
}
