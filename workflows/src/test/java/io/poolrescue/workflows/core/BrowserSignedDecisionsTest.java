package io.poolrescue.workflows.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.webauthn.SoftAuthenticator;
import io.poolrescue.signing.webauthn.WebAuthnAssertion;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.signing.webauthn.WebAuthnEnrolment;
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
import io.poolrescue.workflows.testing.Personas;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions signed by a browser's authenticator (WebAuthn, the console's) through a real procedure on
 * the Temporal test server: the assertion's challenge is the hash of the same text an SSH key signs,
 * by a credential the worker's policy lists for the approver, and its counter must grow within the
 * run. Refusals leave the gate as it was; the activities check the approvals again before the pool
 * is touched, so the run only gets to RECOVERED if they verify there too.
 */
class BrowserSignedDecisionsTest {
  private static final String RP = "console.example.test";
  private static final String ORIGIN = "https://console.example.test";
  @TempDir Path dir;
  private RecoveryTestEnv t;
  private final SoftAuthenticator bobKey = SoftAuthenticator.es256();
  /** An authenticator without a counter: it reports 0 every time, which WebAuthn allows. */
  private final SoftAuthenticator carolKey = SoftAuthenticator.ed25519();

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private PolicyFile policy() throws IOException {
    Files.writeString(dir.resolve("webauthn.json"), """
        {"rpId": "%s", "origins": ["%s"], "requireUserVerification": false, "credentials": [%s, %s]}
        """.formatted(RP, ORIGIN, WebAuthnEnrolment.entryJson(bobKey.credential("bob", "bob's key")),
        WebAuthnEnrolment.entryJson(carolKey.credential("carol", null))));
    return new Personas(dir).policy("""
        signatures: {webauthnCredentials: webauthn.json, unsignedDecisions: false, unsignedStarts: true}
        procedures:
          MemberFailureRecovery:
            gates:
              reset-vms: {quorum: 2}
        """);
  }

  @Test
  void assertionsOfListedCredentialsDecideAndEveryOtherIsRefused() throws IOException {
    t = RecoveryTestEnv.withPolicy("small", policy());
    String h2 = t.host("host-2").uuid();
    t.sim.killHost(h2);
    String id = "browser-signed";
    MemberFailureRecovery stub = t.client.newWorkflowStub(MemberFailureRecovery.class, t.options(id));
    WorkflowClient.start(stub::run, new MemberFailureRequest(t.sim.masterAddress(), h2, Mode.FORGET, "alice", null, 0));
    RunDriver run = t.driver(id);
    GateView gate = run.awaitGate("reset-vms");
    String runId = t.client.newUntypedWorkflowStub(id).describe().getExecution().getRunId();
    Signing bob = new Signing(id, runId, "bob", bobKey);

    refused(id, bob.decide(gate, "down", 5, ORIGIN, gate.fingerprint().replace('a', 'b')), "BAD_SIGNATURE");
    refused(id, bob.decide(gate, "down", 5, "https://elsewhere.example.test", gate.fingerprint()), "NOT_ALLOWED");
    refused(id, new Signing(id, runId, "carol", bobKey).decide(gate, "down", 5, ORIGIN, gate.fingerprint()),
        "NOT_ALLOWED");
    DecideRequest both = bob.decide(gate, "down", 5, ORIGIN, gate.fingerprint());
    refused(id, new DecideRequest(both.gateId(), both.approver(), both.decision(), both.reason(), both.signedAt(),
        "-----BEGIN SSH SIGNATURE-----", both.webauthn()), "not both");
    assertEquals(List.of(), gateNow(run, "reset-vms").decisions(), "every refusal left the gate as it was");

    GateDecision first = send(id, bob.decide(gate, "down with their host", 5, ORIGIN, gate.fingerprint()));
    assertEquals("webauthn:" + bobKey.id(), first.signerKey());
    assertEquals(GateState.OPEN, gateNow(run, "reset-vms").state(), "one of two approvals");
    send(id, new Signing(id, runId, "carol", carolKey).decide(gate, "checked", 0, ORIGIN, gate.fingerprint()));

    GateView locks = run.awaitGate("release-vdi-locks");
    assertEquals(GateState.APPROVED, gateNow(run, "reset-vms").state());
    refused(id, bob.decide(locks, "locks", 5, ORIGIN, locks.fingerprint()), "REPLAYED");
    send(id, bob.decide(locks, "locks", 6, ORIGIN, locks.fingerprint()));
    GateView forget = run.awaitGate("forget-host");
    send(id, bob.decide(forget, "it is gone", 7, ORIGIN, forget.fingerprint()));

    RunResult result = run.result();
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(t.sim.integrityViolations().isEmpty());
  }

  /** Signs decisions of one run as {@code approver} with {@code key}, as the console's page does. */
  private final class Signing {
    private final String workflowId;
    private final String runId;
    private final String approver;
    private final SoftAuthenticator key;

    Signing(String workflowId, String runId, String approver, SoftAuthenticator key) {
      this.workflowId = workflowId;
      this.runId = runId;
      this.approver = approver;
      this.key = key;
    }

    /** The assertion is made over the text with {@code signedFingerprint}; the run compares its own. */
    DecideRequest decide(GateView gate, String reason, long counter, String origin, String signedFingerprint) {
      Instant at = Instant.ofEpochMilli(t.env.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS);
      byte[] text = SignedText.decision(workflowId, runId, "alice", gate.gateId(), signedFingerprint, gate.targets(),
          Decision.APPROVE.name(), approver, at, reason);
      WebAuthnAssertion a = key.get(WebAuthnAssertions.challengeOf(text), origin, RP, SoftAuthenticator.UP, counter);
      return new DecideRequest(gate.gateId(), approver, Decision.APPROVE, reason, at.toString(), null, a);
    }
  }

  private GateDecision send(String id, DecideRequest r) {
    return t.approverClient.newUntypedWorkflowStub(id).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, r);
  }

  private void refused(String id, DecideRequest r, String why) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> send(id, r));
    String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    assertTrue(message.contains(why), message);
  }

  private static GateView gateNow(RunDriver run, String gateId) {
    return run.status().gates().stream().filter(g -> g.gateId().equals(gateId)).findFirst().orElseThrow();
  }
}
