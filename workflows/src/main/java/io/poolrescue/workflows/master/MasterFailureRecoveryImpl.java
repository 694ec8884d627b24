package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.activities.master.PromoteResult;
import io.poolrescue.activities.master.RecoverResult;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.Probes;
import io.poolrescue.workflows.core.RunTarget;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.fence.FenceOutcome;
import io.poolrescue.workflows.fence.FenceTarget;
import io.poolrescue.workflows.fence.HostFence;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool master is gone. With HA the pool elects a new one; without it the run waits for the old
 * master up to a deadline, then promotes a member behind a gate, points the members at it, checks
 * the default SR, and hands the old master to a child MemberFailureRecovery (FORGET).
 */
public final class MasterFailureRecoveryImpl extends GatedRun implements MasterFailureRecovery {
  static final Duration DEFAULT_WAIT_FOR_OLD_MASTER = Duration.ofMinutes(10);
  static final Duration WAIT_POLL = Duration.ofSeconds(15);
  static final Duration AGENT_POLL = Duration.ofSeconds(5);
  /** An agent restart takes about 10 s; members re-pointed by recover_slaves restart too. */
  static final Duration AGENT_PATIENCE = Duration.ofMinutes(5);
  /** xhad's timeout base is 60 s; the election, fencing and the winner's restart take a few of them. */
  static final Duration ELECTION_PATIENCE = Duration.ofMinutes(10);

  /** The master the pool has at the end of the run (elected or promoted), once known. */
  private String newMaster;

  @WorkflowInit
  public MasterFailureRecoveryImpl(MasterFailureRequest r) {
    super("MasterFailureRecovery", r, r == null ? null : r.requestedBy(), r == null ? null : r.approvals(),
        r == null ? RunTarget.NONE : RunTarget.of(r.oldMasterAddress(), r.oldMasterAddress(), r.newMasterAddress(),
            r.memberAddresses()));
  }

  @Override
  public RunResult run(MasterFailureRequest r) {
    return frame(invalid(r), () -> recover(r), () -> newMaster);
  }

  @Override
  protected boolean failedStepShowsSummary() {
    return true;
  }

  private RunResult recover(MasterFailureRequest r) {
    String old = r.oldMasterAddress();
    List<String> members = members(r);
    List<String> everyone = new ArrayList<>(List.of(old));
    everyone.addAll(members);
    plan();

    status.start(MasterSteps.INSPECT);
    ProbeReport probes = acts.inspect.probeAll(everyone);
    status.done(MasterSteps.INSPECT, summary(probes));

    status.start(MasterSteps.WAIT_MASTER);
    Duration deadline = r.waitForOldMaster() == null ? DEFAULT_WAIT_FOR_OLD_MASTER : r.waitForOldMaster();
    long start = Workflow.currentTimeMillis();
    while (true) {
      if (probes.at(old) instanceof HostProbe.Master) {
        status.done(MasterSteps.WAIT_MASTER, "the old master answers again");
        status.skipRest("the old master came back");
        return new RunResult(Outcome.NOTHING_TO_DO, "the master at " + old + " answers again; nothing was done",
            List.of());
      }
      Optional<String> elected = Election.electedMember(probes, members);
      if (elected.isPresent()) {
        status.done(MasterSteps.WAIT_MASTER, "member " + elected.get() + " answers as master (HA election)");
        return afterElection(r, elected.get());
      }
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      if (waited.compareTo(deadline) >= 0) {
        break;
      }
      status.waiting(MasterSteps.WAIT_MASTER, "waited " + waited.toSeconds() + " s of " + deadline.toSeconds()
          + " s for the old master or an HA election; " + Probes.describe(probes.at(old)));
      Workflow.sleep(WAIT_POLL);
      probes = acts.inspect.probeAll(everyone);
    }
    Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
    status.done(MasterSteps.WAIT_MASTER, "no master after " + waited.toSeconds() + " s");

    status.start(MasterSteps.CHOOSE);
    Choice choice = Choice.of(r, members, probes);
    if (choice.address() == null) {
      return status.failed(choice.why() + "; nothing was done");
    }
    String chosen = choice.address();
    status.done(MasterSteps.CHOOSE, chosen + ": " + choice.why());

    if (version >= Versions.FENCING) {
      status.start(MasterSteps.FENCE);
      FenceOutcome fenced = new HostFence(acts, status, gate).fence(MasterSteps.FENCE, new FenceTarget(old,
          "old master " + old, () -> Map.of("probe of " + old, Probes.describe(acts.inspect.probe(old))),
          () -> acts.inspect.probeAll(everyone).fingerprint()));
      if (fenced.stop().isPresent()) {
        return fenced.stop().get();
      }
    }

    status.start(MasterSteps.PROMOTE);
    Guard<ProbeReport> g = gate.approve(new PromoteStep(acts, old, members, choice, start));
    Optional<RunResult> stop = g.stop();
    if (stop.isPresent()) {
      Optional<String> elected = stop.get().outcome() == Outcome.FAILED
          ? Election.electedMember(acts.inspect.probeAll(everyone), members) : Optional.empty();
      if (elected.isPresent()) {
        // HA elected a master while people were deciding: nothing to promote, verify that one instead
        status.skip(MasterSteps.PROMOTE, "member " + elected.get() + " became master meanwhile");
        status.warn("member " + elected.get() + " became master while the promotion was being decided (HA "
            + "election); nothing was promoted, the new master is verified instead");
        return afterElection(r, elected.get());
      }
      return status.stopped(stop.get());
    }
    String promoteGate = g.gateId();
    PromoteResult promoted;
    try {
      promoted = acts.master.promote(chosen, g.proof());
    } catch (ActivityFailure e) {
      if (!XapiErrors.HA_IS_ENABLED.equals(Failures.code(e))) {
        throw e;
      }
      // HA is armed: the pool elects its master itself; promoting by hand is refused
      status.fail(MasterSteps.PROMOTE, Failures.describe(e));
      status.warn("HA is armed on " + chosen + ": waiting for the pool's own election instead of promoting");
      return waitForElection(r, everyone, members, ELECTION_PATIENCE);
    }
    if (promoted.action() == PromoteResult.Action.TRANSITION_STARTED) {
      status.operation("pool.emergency_transition_to_master", List.of(chosen), "ok", promoteGate);
    }
    status.done(MasterSteps.PROMOTE, promoted.detail());

    status.start(MasterSteps.WAIT_AGENT);
    if (!awaitMaster(chosen)) {
      return status.failed("member " + chosen + " did not answer as master within " + AGENT_PATIENCE
          + " after emergency_transition_to_master");
    }
    status.done(MasterSteps.WAIT_AGENT, chosen + " answers as master");
    newMaster = chosen;

    status.start(MasterSteps.RECOVER_SLAVES);
    RecoverResult recovered = acts.master.recoverSlaves(chosen, everyone);
    if (recovered.called()) {
      status.operation("pool.recover_slaves", recovered.recoveredHostUuids(), "ok", promoteGate);
    }
    status.done(MasterSteps.RECOVER_SLAVES, recovered.detail() + "; re-pointed " + recovered.recoveredHostUuids());

    RunResult unchecked = checks().verify(r, chosen, everyone);
    return unchecked != null ? unchecked : new OldMasterHandOff(acts, status).run(r, chosen);
  }

  private void plan() {
    MasterSteps.plan(version).forEach(status::plan);
  }

  /** HA elected a master: from now on it is the pool's master; the rest is checked, not done. */
  private RunResult afterElection(MasterFailureRequest r, String elected) {
    newMaster = elected;
    List<String> everyone = new ArrayList<>(List.of(r.oldMasterAddress()));
    everyone.addAll(members(r));
    return new ElectedMaster(acts, status, checks()).run(r, elected, everyone);
  }

  private RunResult waitForElection(MasterFailureRequest r, List<String> everyone, List<String> members,
      Duration patience) {
    status.start(MasterSteps.WAIT_MASTER);
    long start = Workflow.currentTimeMillis();
    while (Duration.ofMillis(Workflow.currentTimeMillis() - start).compareTo(patience) < 0) {
      ProbeReport p = acts.inspect.probeAll(everyone);
      Optional<String> elected = Election.electedMember(p, members);
      if (elected.isPresent()) {
        status.done(MasterSteps.WAIT_MASTER, "HA elected " + elected.get());
        return afterElection(r, elected.get());
      }
      status.waiting(MasterSteps.WAIT_MASTER, "HA is armed; waiting for its election");
      Workflow.sleep(WAIT_POLL);
    }
    return status.failed("HA is armed on the members but no master was elected within " + patience
        + "; disable HA on a member (host.emergency_ha_disable) and run again");
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
      status.waiting(MasterSteps.WAIT_AGENT, address + " " + Probes.describe(p));
      Workflow.sleep(AGENT_POLL);
    }
  }

  private NewMasterChecks checks() {
    return new NewMasterChecks(acts, status, gate, AGENT_PATIENCE, AGENT_POLL, version);
  }

  private static String summary(ProbeReport p) {
    return String.join("; ", p.probes().stream().map(h -> h.address() + " " + Probes.describe(h)).toList());
  }

  private static List<String> members(MasterFailureRequest r) {
    LinkedHashSet<String> m = new LinkedHashSet<>(r.memberAddresses());
    m.remove(r.oldMasterAddress());
    return List.copyOf(m);
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
