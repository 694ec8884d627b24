package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.HostSummary;
import io.poolrescue.activities.inspection.PoolOverview;
import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.activities.master.PromoteResult;
import io.poolrescue.activities.master.RecoverResult;
import io.poolrescue.activities.storage.DefaultSrChange;
import io.poolrescue.activities.storage.DefaultSrReport;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.core.ApprovalGate;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RecoveryActivities;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The pool master is gone. With HA the pool elects a new one; without it the run waits for the old
 * master up to a deadline, then promotes a member behind a gate, points the members at it, checks
 * the default SR, and hands the old master to a child MemberFailureRecovery (FORGET).
 */
public final class MasterFailureRecoveryImpl implements MasterFailureRecovery {
  static final Duration DEFAULT_WAIT_FOR_OLD_MASTER = Duration.ofMinutes(10);
  static final Duration WAIT_POLL = Duration.ofSeconds(15);
  static final Duration AGENT_POLL = Duration.ofSeconds(5);
  /** An agent restart takes about 10 s; members re-pointed by recover_slaves restart too. */
  static final Duration AGENT_PATIENCE = Duration.ofMinutes(5);

  private final RecoveryActivities acts = new RecoveryActivities();
  private final RunStatusRecorder status;
  private final ApprovalGate gate;
  private String step = "inspect";

  @WorkflowInit
  public MasterFailureRecoveryImpl(MasterFailureRequest r) {
    status = new RunStatusRecorder("MasterFailureRecovery", r == null ? null : r.requestedBy());
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
  public RunResult run(MasterFailureRequest r) {
    try {
      return status.finish(recover(r));
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      status.fail(step, Failures.describe(e));
      return status.finish(new RunResult(Outcome.FAILED, "step " + step + ": " + Failures.describe(e), List.of()));
    }
  }

  private RunResult recover(MasterFailureRequest r) {
    String problem = invalid(r);
    if (problem != null) {
      return new RunResult(Outcome.FAILED, "invalid request: " + problem + "; nothing done", List.of());
    }
    String old = r.oldMasterAddress();
    List<String> members = members(r);
    List<String> everyone = new ArrayList<>(List.of(old));
    everyone.addAll(members);
    plan();

    begin("inspect");
    ProbeReport probes = acts.inspect.probeAll(everyone);
    status.done("inspect", summary(probes));

    begin("wait-master");
    Duration deadline = r.waitForOldMaster() == null ? DEFAULT_WAIT_FOR_OLD_MASTER : r.waitForOldMaster();
    long start = Workflow.currentTimeMillis();
    while (true) {
      if (probes.at(old) instanceof HostProbe.Master) {
        status.done("wait-master", "the old master answers again");
        status.skipRest("the old master came back");
        return new RunResult(Outcome.NOTHING_TO_DO, "the master at " + old + " answers again; nothing was done",
            List.of());
      }
      Optional<String> elected = electedMember(probes, members);
      if (elected.isPresent()) {
        status.done("wait-master", "member " + elected.get() + " answers as master (HA election)");
        return afterElection(r, elected.get());
      }
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      if (waited.compareTo(deadline) >= 0) {
        break;
      }
      status.waiting("wait-master", "waited " + waited.toSeconds() + " s of " + deadline.toSeconds()
          + " s for the old master or an HA election; " + describe(probes.at(old)));
      Workflow.sleep(WAIT_POLL);
      probes = acts.inspect.probeAll(everyone);
    }
    Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
    status.done("wait-master", "no master after " + waited.toSeconds() + " s");

    begin("choose");
    Choice choice = choose(r, members, probes);
    if (choice.address() == null) {
      return failed(choice.why() + "; nothing was done");
    }
    String chosen = choice.address();
    status.done("choose", chosen + ": " + choice.why());

    begin("promote");
    Guard<ProbeReport> g = gate.approve(new GuardedStep<>() {
      @Override
      public ProbeReport read() {
        return acts.inspect.probeAll(everyone);
      }

      @Override
      public Optional<RunResult> stopBefore(ProbeReport p) {
        if (p.at(old) instanceof HostProbe.Master) {
          return Optional.of(new RunResult(Outcome.NOTHING_TO_DO, "the master at " + old
              + " answers again; nothing was promoted", List.of()));
        }
        Optional<String> other = electedMember(p, members);
        if (other.isPresent()) {
          return Optional.of(new RunResult(Outcome.FAILED, "member " + other.get() + " already answers as master; "
              + "a second master is not promoted; run again to verify the pool", List.of()));
        }
        if (!p.at(chosen).answers()) {
          return Optional.of(new RunResult(Outcome.FAILED, "the chosen member " + chosen
              + " no longer answers; nothing was promoted", List.of()));
        }
        return Optional.empty();
      }

      @Override
      public GateRequest request(ProbeReport p) {
        return MasterGates.promote(p, old, chosen, choice.why(),
            Duration.ofMillis(Workflow.currentTimeMillis() - start));
      }

      @Override
      public String fingerprintNow() {
        return acts.inspect.probeAll(everyone).fingerprint();
      }
    });
    if (g instanceof Guard.Stop<ProbeReport> stop) {
      return stopped(stop.result());
    }
    String promoteGate = ((Guard.Proceed<ProbeReport>) g).approval().gateId();
    PromoteResult promoted;
    try {
      promoted = acts.master.promote(chosen);
    } catch (ActivityFailure e) {
      if (!XapiErrors.HA_IS_ENABLED.equals(Failures.code(e))) {
        throw e;
      }
      // HA is armed: the pool elects its master itself; promoting by hand is refused
      status.fail("promote", Failures.describe(e));
      status.warn("HA is armed on " + chosen + ": waiting for the pool's own election instead of promoting");
      return waitForElection(r, everyone, members, deadline);
    }
    if (promoted.action() == PromoteResult.Action.TRANSITION_STARTED) {
      status.operation("pool.emergency_transition_to_master", List.of(chosen), "ok", promoteGate);
    }
    status.done("promote", promoted.detail());

    begin("wait-agent");
    if (!awaitMaster(chosen)) {
      return failed("member " + chosen + " did not answer as master within " + AGENT_PATIENCE
          + " after emergency_transition_to_master");
    }
    status.done("wait-agent", chosen + " answers as master");

    begin("recover-slaves");
    RecoverResult recovered = acts.master.recoverSlaves(chosen, everyone);
    if (recovered.called()) {
      status.operation("pool.recover_slaves", recovered.recoveredHostUuids(), "ok", promoteGate);
    }
    status.done("recover-slaves", recovered.detail() + "; re-pointed " + recovered.recoveredHostUuids());

    RunResult notFollowing = verifyMembers(chosen, everyone);
    if (notFollowing != null) {
      return notFollowing;
    }
    RunResult sr = checkDefaultSr(r, chosen);
    if (sr != null) {
      return sr;
    }
    return forgetOldMaster(r, chosen);
  }

  private void plan() {
    status.plan("inspect", "Probe the old master and the members");
    status.plan("wait-master", "Wait for the old master to return, or for HA to elect a new one");
    status.plan("choose", "Choose the member to promote");
    status.plan("promote", "Promote it (pool.emergency_transition_to_master)");
    status.plan("wait-agent", "Wait for its agent to restart as master");
    status.plan("recover-slaves", "Point the members at the new master (pool.recover_slaves)");
    status.plan("verify", "Verify every member follows the new master");
    status.plan("default-sr", "Check the pool's default SR");
    status.plan("forget-old-master", "Treat the old master as a failed member (MemberFailureRecovery FORGET)");
  }

  /** HA elected a master: verify the members follow it and check the default SR; HA handled the rest. */
  private RunResult afterElection(MasterFailureRequest r, String elected) {
    List<String> everyone = new ArrayList<>(List.of(r.oldMasterAddress()));
    everyone.addAll(members(r));
    for (String s : List.of("choose", "promote", "wait-agent", "recover-slaves")) {
      status.skip(s, "HA elected " + elected);
    }
    RunResult notFollowing = verifyMembers(elected, everyone);
    if (notFollowing != null) {
      return notFollowing;
    }
    RunResult sr = checkDefaultSr(r, elected);
    if (sr != null) {
      return sr;
    }
    status.skip("forget-old-master", "HA fenced the old master and restarted its protected VMs");
    status.warn("the old master " + r.oldMasterAddress() + " stays in the pool as a dead host: repair it (it rejoins as "
        + "a member) or forget it with MemberFailureRecovery (FORGET)");
    PoolOverview after = acts.inspect.pool(elected);
    return new RunResult(Outcome.RECOVERED, "HA elected " + elected + " master (HA "
        + (after.haEnabled() ? "on" : "off") + "); every answering member follows it; default SR checked", List.of());
  }

  private RunResult waitForElection(MasterFailureRequest r, List<String> everyone, List<String> members,
      Duration patience) {
    begin("wait-master");
    long start = Workflow.currentTimeMillis();
    while (Duration.ofMillis(Workflow.currentTimeMillis() - start).compareTo(patience) < 0) {
      ProbeReport p = acts.inspect.probeAll(everyone);
      Optional<String> elected = electedMember(p, members);
      if (elected.isPresent()) {
        status.done("wait-master", "HA elected " + elected.get());
        return afterElection(r, elected.get());
      }
      status.waiting("wait-master", "HA is armed; waiting for its election");
      Workflow.sleep(WAIT_POLL);
    }
    return failed("HA is armed on the members but no master was elected within " + patience
        + "; disable HA on a member (host.emergency_ha_disable) and run again");
  }

  /** The member to promote (null when none can be) and why. */
  record Choice(String address, String why) {}

  /**
   * The named member, or the first member in the request's order that answers as a member or from
   * emergency mode. Free memory would be a better tie-break, but members forward every query to the
   * dead master, so it cannot be read.
   */
  static Choice choose(MasterFailureRequest r, List<String> members, ProbeReport probes) {
    if (r.newMasterAddress() != null && !r.newMasterAddress().isBlank()) {
      HostProbe p = probes.at(r.newMasterAddress());
      return p.answers()
          ? new Choice(r.newMasterAddress(), "named in the request; " + describe(p))
          : new Choice(null, "the member named in the request, " + r.newMasterAddress() + ", does not answer");
    }
    for (String m : members) {
      HostProbe p = probes.at(m);
      if (p instanceof HostProbe.Slave || p instanceof HostProbe.Unavailable u
          && XapiErrors.HOST_STILL_BOOTING.equals(u.errorCode())) {
        return new Choice(m, "first member in the request's order that answers (" + describe(p) + ")");
      }
    }
    return new Choice(null, "no member answers: " + members);
  }

  private static Optional<String> electedMember(ProbeReport p, List<String> members) {
    return members.stream().filter(m -> p.at(m) instanceof HostProbe.Master).findFirst();
  }

  /** Probes every few seconds until the member answers as master; HOST_STILL_BOOTING is the restart itself. */
  private boolean awaitMaster(String address) {
    long start = Workflow.currentTimeMillis();
    while (true) {
      HostProbe p = acts.inspect.probe(address);
      if (p instanceof HostProbe.Master) {
        return true;
      }
      if (Duration.ofMillis(Workflow.currentTimeMillis() - start).compareTo(AGENT_PATIENCE) >= 0) {
        return false;
      }
      status.waiting("wait-agent", address + " " + describe(p));
      Workflow.sleep(AGENT_POLL);
    }
  }

  /** Every member that answers must follow the new master; members that do not answer are reported. */
  private RunResult verifyMembers(String master, List<String> everyone) {
    begin("verify");
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
          lagging.add(h.address() + " " + describe(h));
        }
      }
      if (lagging.isEmpty()) {
        PoolOverview o = acts.inspect.pool(master);
        String detail = "members follow " + master + "; pool master is " + o.masterAddress()
            + (silent.isEmpty() ? "" : "; not answering: " + silent);
        status.done("verify", detail);
        return null;
      }
      if (Duration.ofMillis(Workflow.currentTimeMillis() - start).compareTo(AGENT_PATIENCE) >= 0) {
        return failed("members do not follow the new master " + master + ": " + lagging);
      }
      status.waiting("verify", "waiting for " + lagging);
      Workflow.sleep(AGENT_POLL);
    }
  }

  /** Returns a result only when the run must end here. */
  private RunResult checkDefaultSr(MasterFailureRequest r, String master) {
    begin("default-sr");
    DefaultSrReport d = acts.storage.defaultSr(master);
    if (d.valid()) {
      status.done("default-sr", "default SR " + d.defaultSrUuid() + " is shared and plugged on every live host");
      return null;
    }
    String wanted = r.defaultSrUuid() != null && !r.defaultSrUuid().isBlank() ? r.defaultSrUuid() : null;
    if (wanted != null && !d.candidates().contains(wanted)) {
      return failed("the requested default SR " + wanted + " is not a shared SR plugged on every live host ("
          + d.candidates() + "); " + d.problem());
    }
    String sr = wanted != null ? wanted : d.candidates().isEmpty() ? null : d.candidates().get(0);
    if (sr == null) {
      status.warn("the default SR is not valid (" + d.problem() + ") and no shared SR is plugged on every live host; "
          + "set one by hand once storage is back");
      status.skip("default-sr", d.problem());
      return null;
    }
    Guard<DefaultSrReport> g = gate.approve(new GuardedStep<>() {
      @Override
      public DefaultSrReport read() {
        return acts.storage.defaultSr(master);
      }

      @Override
      public Optional<RunResult> stopBefore(DefaultSrReport now) {
        return Optional.empty();
      }

      @Override
      public GateRequest request(DefaultSrReport now) {
        return MasterGates.setDefaultSr(now, sr, master);
      }

      @Override
      public String fingerprintNow() {
        return acts.storage.defaultSr(master).fingerprint();
      }
    });
    if (g instanceof Guard.Stop<DefaultSrReport> stop) {
      return stopped(stop.result());
    }
    Guard.Proceed<DefaultSrReport> ok = (Guard.Proceed<DefaultSrReport>) g;
    if (ok.state().valid()) {
      status.done("default-sr", "became valid meanwhile: " + ok.state().defaultSrUuid());
      return null;
    }
    DefaultSrChange change = acts.storage.setDefaultSr(master, sr);
    if (change.changed()) {
      status.operation("pool.set_default_SR", List.of(sr), "ok", ok.approval().gateId());
    }
    status.done("default-sr", "default SR set to " + sr + " (was " + change.previousSrUuid() + ")");
    return null;
  }

  /** The old master is now a dead member of the new master's pool: a child run forgets it, with its own gates. */
  private RunResult forgetOldMaster(MasterFailureRequest r, String master) {
    begin("forget-old-master");
    PoolOverview o = acts.inspect.pool(master);
    Optional<HostSummary> oldHost = o.hosts().stream()
        .filter(h -> r.oldMasterAddress().equals(h.address())).findFirst();
    if (oldHost.isEmpty()) {
      status.skip("forget-old-master", "the new master does not know a host at " + r.oldMasterAddress());
      return new RunResult(Outcome.RECOVERED, "member " + master + " promoted; every member follows it", List.of());
    }
    String childId = Workflow.getInfo().getWorkflowId() + "/forget-old-master";
    status.child(childId);
    status.running("forget-old-master", "child run " + childId + " (its gates are decided on that workflow id)");
    MemberFailureRecovery child = Workflow.newChildWorkflowStub(MemberFailureRecovery.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(childId)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
            .build());
    RunResult c = child.run(new MemberFailureRequest(master, oldHost.get().uuid(), MemberFailureRequest.Mode.FORGET,
        r.requestedBy(), r.approvals(), r.maxParallel(), true));
    String promoted = "member " + master + " promoted and followed by the members; ";
    switch (c.outcome()) {
      case RECOVERED -> {
        status.done("forget-old-master", c.summary());
        return new RunResult(Outcome.RECOVERED, promoted + "old master: " + c.summary(), c.notRestartable());
      }
      case NOTHING_TO_DO -> {
        status.done("forget-old-master", c.summary());
        return new RunResult(Outcome.RECOVERED, promoted + "old master: " + c.summary(), List.of());
      }
      default -> {
        status.fail("forget-old-master", c.outcome() + ": " + c.summary());
        return new RunResult(c.outcome(), promoted + "forgetting the old master stopped (" + childId + "): "
            + c.summary(), c.notRestartable());
      }
    }
  }

  private static String summary(ProbeReport p) {
    return String.join("; ", p.probes().stream().map(h -> h.address() + " " + describe(h)).toList());
  }

  private static String describe(HostProbe p) {
    return MasterGates.describe(p);
  }

  private static List<String> members(MasterFailureRequest r) {
    LinkedHashSet<String> m = new LinkedHashSet<>(r.memberAddresses());
    m.remove(r.oldMasterAddress());
    return List.copyOf(m);
  }

  private RunResult stopped(RunResult result) {
    status.skipRest(result.outcome() + ": " + result.summary());
    return result;
  }

  private RunResult failed(String summary) {
    status.fail(step, summary);
    status.skipRest("stopped: " + summary);
    return new RunResult(Outcome.FAILED, summary, List.of());
  }

  private void begin(String id) {
    step = id;
    status.start(id);
  }

  static String invalid(MasterFailureRequest r) {
    if (r == null) {
      return "the request is empty";
    }
    List<String> wrong = new ArrayList<>();
    if (r.oldMasterAddress() == null || r.oldMasterAddress().isBlank()) {
      wrong.add("oldMasterAddress");
    }
    if (r.memberAddresses() == null || r.memberAddresses().isEmpty()) {
      wrong.add("memberAddresses (a dead master cannot list them)");
    }
    if (r.requestedBy() == null || r.requestedBy().isBlank()) {
      wrong.add("requestedBy (needed for the four-eyes rule)");
    }
    if (r.newMasterAddress() != null && !r.newMasterAddress().isBlank() && r.memberAddresses() != null
        && !r.memberAddresses().contains(r.newMasterAddress())) {
      wrong.add("newMasterAddress must be one of memberAddresses");
    }
    if (r.waitForOldMaster() != null && r.waitForOldMaster().isNegative()) {
      wrong.add("waitForOldMaster >= 0");
    }
    if (r.maxParallel() < 0) {
      wrong.add("maxParallel >= 0");
    }
    return wrong.isEmpty() ? null : "missing or wrong: " + String.join(", ", wrong);
  }
}
