package io.poolrescue.workflows.core;

import static io.poolrescue.workflows.testing.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.notify.Notification;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.HostConfigRestore;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.fence.FenceGates;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The approval gate through a real procedure (MemberFailureRecovery on a killed member): every gate
 * kind stops the run on rejection and on expiry with nothing dangerous after it, and the {@code decide}
 * validator refuses what it must with a message that says why.
 */
class ApprovalGateTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  /** A FORGET run of host-2; its power failed, or (for the fence-host gate) its network is cut and it runs on. */
  private RunDriver startForget(String preset, String id, ApprovalPolicy policy) {
    t = RecoveryTestEnv.preset(preset);
    String h2 = t.host("host-2").uuid();
    if (id.endsWith(FenceGates.FENCE_HOST)) {
      t.sim.cutNetwork(h2);
    } else {
      t.sim.killHost(h2);
    }
    MemberFailureRecovery run = t.newRun(MemberFailureRecovery.class, id);
    WorkflowClient.start(run::run, new MemberFailureRequest(t.sim.masterAddress(), h2, Mode.FORGET,
        RecoveryTestEnv.STARTER, policy, 0));
    return t.driver(id);
  }

  @ParameterizedTest(name = "{1} rejected ({0})")
  @CsvSource({"small,fence-host", "small,reset-vms", "small,release-vdi-locks", "small,forget-host",
      "small-ha,disable-ha", "small-ha,enable-ha"})
  void aRejectionEndsTheRunWithNothingDangerousAfterIt(String preset, String gateId) {
    RunDriver run = startForget(preset, "reject-" + gateId, ApprovalPolicy.defaults());
    run.approveUntil(gateId);
    long atRejection = Journal.lastSeq(t.sim.journal());
    GateDecision d = run.reject(gateId);
    assertEquals(Decision.REJECT, d.decision());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.REJECTED, result.outcome());
    assertTrue(result.summary().contains(gateId) && result.summary().contains(RecoveryTestEnv.APPROVER),
        result.summary());
    assertEquals(List.of(), Journal.dangerous(t.sim.journal(), atRejection));
    GateView g = gate(run, gateId);
    assertEquals(GateState.REJECTED, g.state());
    assertEquals(RecoveryTestEnv.APPROVER, g.decisions().get(0).approver());
  }

  @ParameterizedTest(name = "{1} expires ({0})")
  @CsvSource({"small,fence-host", "small,reset-vms", "small,release-vdi-locks", "small,forget-host",
      "small-ha,disable-ha", "small-ha,enable-ha"})
  void anExpiredGateEndsTheRunWithNothingDangerousAfterIt(String preset, String gateId) {
    RunDriver run = startForget(preset, "expire-" + gateId,
        new ApprovalPolicy(List.of(), 1, false, Duration.ofMinutes(10), Duration.ofHours(1)));
    run.approveUntil(gateId);
    long atOpen = Journal.lastSeq(t.sim.journal());
    RunResult result = run.result(); // time skips through the reminder to the expiry

    assertEquals(RunResult.Outcome.EXPIRED, result.outcome(), result.summary());
    assertEquals(List.of(), Journal.dangerous(t.sim.journal(), atOpen));
    GateView g = gate(run, gateId);
    assertEquals(GateState.EXPIRED, g.state());
    assertTrue(g.reminded());
    assertTrue(t.notifications.of(Notification.Kind.GATE_REMINDER).stream().anyMatch(n -> gateId.equals(n.gateId())));
    assertTrue(t.notifications.of(Notification.Kind.GATE_EXPIRED).stream().anyMatch(n -> gateId.equals(n.gateId())));
    assertTrue(run.status().warnings().stream().anyMatch(w -> w.contains("reminder: gate " + gateId)));
  }

  @Test
  void theValidatorRefusesWhatItMustAndAQuorumOfTwoIsNeeded() {
    RunDriver run = startForget("small", "validator",
        new ApprovalPolicy(List.of("bob", "carol", RecoveryTestEnv.STARTER), 2, false, null, null));
    GateView gate = run.awaitGate("reset-vms");
    assertEquals(2, gate.approvalsNeeded());

    assertRefused(() -> run.decide("reset-vms", RecoveryTestEnv.STARTER, Decision.APPROVE, "mine"),
        "started this run and may not approve it");
    assertRefused(() -> run.decide("no-such-gate", "bob", Decision.APPROVE, "?"), "unknown gate id 'no-such-gate'");
    assertRefused(() -> run.decide("reset-vms", "mallory", Decision.APPROVE, "?"),
        "'mallory' is not allowed");

    run.decide("reset-vms", "bob", Decision.APPROVE, "the VMs are not running anywhere");
    assertEquals(GateState.OPEN, gate(run, "reset-vms").state(), "one approval of two");
    assertRefused(() -> run.decide("reset-vms", "bob", Decision.APPROVE, "again"), "already decided");

    run.decide("reset-vms", "carol", Decision.APPROVE, "checked on every host");
    run.awaitGate("release-vdi-locks");
    GateView closed = gate(run, "reset-vms");
    assertEquals(GateState.APPROVED, closed.state());
    assertEquals(List.of("bob", "carol"), closed.decisions().stream().map(GateDecision::approver).toList());
    assertRefused(() -> run.decide("reset-vms", RecoveryTestEnv.SECOND_APPROVER + "x", Decision.APPROVE, "late"),
        "gate reset-vms is APPROVED, not open");
    assertRefused(() -> run.decide("reset-vms", "carol", Decision.REJECT, "late"),
        "gate reset-vms is APPROVED, not open");

    // the starter may still stop the run: refusing a dangerous step is always allowed
    run.decide("release-vdi-locks", RecoveryTestEnv.STARTER, Decision.REJECT, "changed my mind");
    assertEquals(RunResult.Outcome.REJECTED, run.result().outcome());
  }

  /** One person is one name however it is typed: "alice " is alice, "BOB" and "ｂｏｂ" are bob. */
  @Test
  void namesAreComparedTrimmedCaseAndWidthInsensitive() {
    t = RecoveryTestEnv.preset("small");
    String h2 = t.host("host-2").uuid();
    t.sim.killHost(h2);
    MemberFailureRecovery start = t.newRun(MemberFailureRecovery.class, "names");
    WorkflowClient.start(start::run, new MemberFailureRequest(t.sim.masterAddress(), h2, Mode.FORGET, "alice ",
        new ApprovalPolicy(List.of(), 2, false, null, null), 0));
    RunDriver run = t.driver("names");
    run.awaitGate("reset-vms");

    assertRefused(() -> run.decide("reset-vms", "Alice", Decision.APPROVE, "mine"), "started this run");
    assertRefused(() -> run.decide("reset-vms", "\uff41\uff4c\uff49\uff43\uff45", Decision.APPROVE, "mine"),
        "started this run");
    run.decide("reset-vms", "bob", Decision.APPROVE, "ok");
    assertRefused(() -> run.decide("reset-vms", " BOB", Decision.APPROVE, "again, louder"), "one vote per person");
    assertRefused(() -> run.decide("reset-vms", "\uff42\uff4f\uff42", Decision.APPROVE, "again, wider"),
        "one vote per person");
    assertEquals(GateState.OPEN, gate(run, "reset-vms").state(), "still one approval of two");
    run.decide("reset-vms", "carol", Decision.APPROVE, "ok");
    run.awaitGate("release-vdi-locks");
  }

  @Test
  void aRunWithoutRequestedByIsRefused() {
    t = RecoveryTestEnv.preset("small");
    HostConfigRestore run = t.newRun(HostConfigRestore.class, "no-starter");
    RunResult result = run.run(new HostConfigRestoreRequest(t.sim.masterAddress(), t.host("host-2").uuid(), null,
        null, "  ", null));
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("requestedBy is required"), result.summary());
  }

  /** Four eyes is not a request's choice: a start asking for the starter's approval is refused. */
  @Test
  void aRequestCannotLetTheStarterApprove() {
    RunDriver run = startForget("small", "starter-allowed", new ApprovalPolicy(List.of(), 1, true, null, null));
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().startsWith("invalid request: approvals.allowStarterApproval cannot be set"),
        result.summary());
    assertEquals(List.of(), run.status().gates());
  }

  private static GateView gate(RunDriver run, String id) {
    return run.status().gates().stream().filter(g -> g.gateId().equals(id)).findFirst().orElseThrow();
  }
}
