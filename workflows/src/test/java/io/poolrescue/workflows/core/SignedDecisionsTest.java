package io.poolrescue.workflows.core;

import static io.poolrescue.workflows.testing.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.signing.SignedText;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.CanonicalJson;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StartSignature;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.Personas;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's policy through a real procedure on the Temporal test server: signed decisions and
 * starts (keys and signatures made by the real ssh-keygen), and the refusals that leave the run as
 * it was: unsigned, forged, another key, another gate, run or fingerprint, a signer not listed, the
 * starter, one person under two names, a spoofed requestedBy, a request looser than the policy.
 */
class SignedDecisionsTest {
  private static final String GATE = "reset-vms";
  @TempDir Path dir;
  private RecoveryTestEnv t;
  /** The objects the gate under test names, and who started its run: both are in the signed text. */
  private List<String> targets = List.of();
  private String starter = "alice";

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private Personas people() {
    return new Personas(dir).key("alice").key("bob").key("carol").key("mallory")
        .allow("alice", "alice").allow("bob,robert", "bob").allow("carol", "carol");
  }

  private String startForget(PolicyFile policy, String id, String requestedBy, ApprovalPolicy approvals,
      StartSignature signature) {
    t = RecoveryTestEnv.withPolicy("small", policy);
    String h2 = t.host("host-2").uuid();
    t.sim.killHost(h2);
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder(t.options(id));
    if (signature != null) {
      options.setMemo(Map.of(StartSignature.MEMO, signature));
    }
    MemberFailureRecovery run = t.client.newWorkflowStub(MemberFailureRecovery.class, options.build());
    WorkflowClient.start(run::run, request(h2, requestedBy, approvals));
    return id;
  }

  private MemberFailureRequest request(String hostUuid, String requestedBy, ApprovalPolicy approvals) {
    return new MemberFailureRequest(t.sim.masterAddress(), hostUuid, Mode.FORGET, requestedBy, approvals, 0);
  }

  private Instant now() {
    return Instant.ofEpochMilli(t.env.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS);
  }

  /** A decision signed by {@code key} over the text of the given run, gate and fingerprint. */
  private DecideRequest signed(Personas p, String key, String approver, String workflowId, String runId,
      String gateId, String fingerprint, String signedReason, String sentReason) {
    Instant at = now();
    byte[] text = SignedText.decision(workflowId, runId, starter, gateId, fingerprint, targets, "APPROVE", approver,
        at, signedReason);
    return new DecideRequest(GATE, approver, Decision.APPROVE, sentReason, at.toString(),
        p.signer(key).sign(text, SignedText.NAMESPACE));
  }

  private GateDecision send(String id, DecideRequest r) {
    return t.approverClient.newUntypedWorkflowStub(id).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, r);
  }

  private String runId(String id) {
    return t.client.newUntypedWorkflowStub(id).describe().getExecution().getRunId();
  }

  @Test
  void onlyAValidSignatureByAnAllowedKeyForThisGateCounts() {
    Personas p = people();
    PolicyFile policy = p.policy("""
        signatures: {allowedSigners: allowed_signers, unsignedDecisions: false, unsignedStarts: true}
        procedures:
          MemberFailureRecovery:
            gates:
              reset-vms: {quorum: 2}
        """);
    String id = startForget(policy, "signed-decisions", "alice", null, null);
    RunDriver run = t.driver(id);
    GateView gate = run.awaitGate(GATE);
    String runId = runId(id);
    String fp = gate.fingerprint();
    List<String> gateTargets = gate.targets();
    targets = gateTargets;
    RunStatus status = run.status();
    assertEquals(policy.sha256(), status.authority().policySha256());
    assertTrue(status.authority().signedDecisions());
    assertNull(status.authority().starterKey(), "an unsigned start, which this policy accepts");
    assertEquals(2, gate.approvalsNeeded());
    long before = Journal.lastSeq(t.sim.journal());

    assertRefused(() -> send(id, new DecideRequest(GATE, "bob", Decision.APPROVE, "ok")),
        "accepts signed decisions only");
    assertRefused(() -> send(id, signed(p, "bob", "bob", id, runId, GATE, fp, "ok", "ok, and more")),
        "signature refused (BAD_SIGNATURE)");
    assertRefused(() -> send(id, signed(p, "bob", "bob", id, runId, "release-vdi-locks", fp, "ok", "ok")),
        "signature refused (BAD_SIGNATURE)");
    assertRefused(() -> send(id, signed(p, "bob", "bob", id, "another-run", GATE, fp, "ok", "ok")),
        "signature refused (BAD_SIGNATURE)");
    assertRefused(() -> send(id, signed(p, "bob", "bob", id, runId, GATE, "sha256:another-pool-state", "ok", "ok")),
        "signature refused (BAD_SIGNATURE)");
    targets = List.of("another-vm");
    assertRefused(() -> send(id, signed(p, "bob", "bob", id, runId, GATE, fp, "ok", "ok")),
        "signature refused (BAD_SIGNATURE)");
    targets = gateTargets;
    starter = "nobody"; // a run that, the signature claims, someone else started
    assertRefused(() -> send(id, signed(p, "bob", "bob", id, runId, GATE, fp, "ok", "ok")),
        "signature refused (BAD_SIGNATURE)");
    starter = "alice";
    assertRefused(() -> send(id, signed(p, "carol", "bob", id, runId, GATE, fp, "ok", "ok")),
        "signature refused (NOT_ALLOWED)");
    assertRefused(() -> send(id, signed(p, "mallory", "mallory", id, runId, GATE, fp, "ok", "ok")),
        "signature refused (NOT_ALLOWED)");
    assertRefused(() -> send(id, signed(p, "alice", "alice", id, runId, GATE, fp, "mine", "mine")),
        "started this run and may not approve it");
    assertEquals(List.of(), gateNow(run).decisions(), "every refusal left the gate as it was");

    GateDecision bob = send(id, signed(p, "bob", "bob", id, runId, GATE, fp, "VMs are down", "VMs are down"));
    assertEquals(p.publicKey("bob").fingerprint(), bob.signerKey());
    assertRefused(() -> send(id, signed(p, "bob", "robert", id, runId, GATE, fp, "me again", "me again")),
        "already decided on gate reset-vms as 'bob'");
    assertEquals(GateState.OPEN, gateNow(run).state(), "one person under two names is one approval of two");
    assertEquals(List.of(), Journal.dangerous(t.sim.journal(), before), "nothing dangerous before the quorum");

    send(id, signed(p, "carol", "carol", id, runId, GATE, fp, "checked", "checked"));
    run.awaitGate("release-vdi-locks");
    assertEquals(GateState.APPROVED, run.status().gates().get(0).state());
  }

  @Test
  void aStartIsSignedByTheOneItNamesAsRequestedBy() {
    Personas p = people();
    PolicyFile policy = p.policy("""
        signatures: {allowedSigners: allowed_signers, unsignedDecisions: true, unsignedStarts: false}
        """);
    t = RecoveryTestEnv.withPolicy("small", policy);
    String h2 = t.host("host-2").uuid();
    t.sim.killHost(h2);

    MemberFailureRequest req = request(h2, "alice", null);
    assertContains(refused("unsigned", req, null), "accepts signed starts only");
    // bob's key cannot start a run as alice
    assertContains(refused("spoofed", req, startSignature(p, "bob", "spoofed", req)),
        "start signature is refused (NOT_ALLOWED)");
    // alice signed another request (maxParallel 4) than the one sent
    MemberFailureRequest other = new MemberFailureRequest(t.sim.masterAddress(), h2, Mode.FORGET, "alice", null, 4);
    assertContains(refused("edited", req, startSignature(p, "alice", "edited", other)),
        "start signature is refused (BAD_SIGNATURE)");

    String id = "signed-start";
    start(id, req, startSignature(p, "alice", id, req));
    RunDriver run = t.driver(id);
    run.awaitGate(GATE);
    assertEquals(p.publicKey("alice").fingerprint(), run.status().authority().starterKey());
    assertRefused(() -> run.decide(GATE, "alice", Decision.APPROVE, "mine"), "started this run");
    run.approve(GATE);
    run.awaitGate("release-vdi-locks");
  }

  @Test
  void aRequestMayNarrowThePolicyNeverWidenItAndGroupsMustEachApprove() {
    Personas p = people();
    PolicyFile policy = p.policy("""
        groups:
          storage: [carol]
          virtualization: [bob, erin]
        procedures:
          MemberFailureRecovery:
            rule: {approvers: [bob, carol, erin]}
            gates:
              reset-vms: {quorum: 2, groups: [storage, virtualization]}
        """);
    t = RecoveryTestEnv.withPolicy("small", policy);
    String h2 = t.host("host-2").uuid();
    t.sim.killHost(h2);
    assertContains(refused("wider", request(h2, "alice", new ApprovalPolicy(List.of("mallory"), 1, false, null,
        null)), null), "are not approvers the worker's policy allows");

    String id = "groups";
    start(id, request(h2, "alice", new ApprovalPolicy(List.of("bob", "carol", "erin"), 1, false, null, null)), null);
    RunDriver run = t.driver(id);
    run.awaitGate(GATE);
    assertRefused(() -> run.decide(GATE, "dave", Decision.APPROVE, "?"), "'dave' is not allowed");
    run.decide(GATE, "erin", Decision.APPROVE, "ok");
    run.decide(GATE, "bob", Decision.APPROVE, "ok");
    GateView g = gateNow(run);
    assertEquals(GateState.OPEN, g.state(), "two approvals, both from virtualization");
    assertEquals(List.of("storage"), g.groupsToCover());
    run.decide(GATE, "carol", Decision.APPROVE, "storage agrees");
    run.awaitGate("release-vdi-locks");
  }

  private StartSignature startSignature(Personas p, String key, String workflowId, MemberFailureRequest req) {
    Instant at = now();
    byte[] text = SignedText.start(workflowId, "MemberFailureRecovery", req.requestedBy(), at, CanonicalJson.of(req));
    return new StartSignature(at.toString(), p.signer(key).sign(text, SignedText.NAMESPACE));
  }

  private void start(String id, MemberFailureRequest req, StartSignature signature) {
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder(t.options(id));
    if (signature != null) {
      options.setMemo(Map.of(StartSignature.MEMO, signature));
    }
    WorkflowClient.start(t.client.newWorkflowStub(MemberFailureRecovery.class, options.build())::run, req);
  }

  /** Starts a run that must be refused as an invalid request before any gate; returns its summary. */
  private String refused(String id, MemberFailureRequest req, StartSignature signature) {
    start(id, req, signature);
    RunResult result = t.driver(id).result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome(), result.summary());
    assertTrue(result.summary().startsWith("invalid request: "), result.summary());
    assertEquals(List.of(), t.driver(id).status().gates());
    return result.summary();
  }

  private static void assertContains(String text, String expected) {
    assertTrue(text.contains(expected), "expected '" + expected + "' in: " + text);
  }

  private static GateView gateNow(RunDriver run) {
    return run.status().gates().stream().filter(g -> g.gateId().equals(GATE)).findFirst().orElseThrow();
  }
}
