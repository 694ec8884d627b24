package io.poolrescue.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.PolicyReader;
import io.poolrescue.audit.AuditReport.DecisionAudit;
import io.poolrescue.pool.model.Host;
import io.poolrescue.signing.SshKeyGenerator;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.CanonicalJson;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.signing.SignedText;
import io.poolrescue.workflows.api.StartSignature;
import io.poolrescue.workflows.api.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run started and decided with real SSH signatures under a worker policy that demands them: the
 * audit verifies every signature again from the history alone, names each signer's key, and flags
 * a copy of the history whose recorded reason was edited afterwards.
 */
class SignedRunAuditTest {
  static final String ID = "signed-forget";
  static WorkflowExecutionHistory history;
  static RunResult result;
  static SshKeygenSigner alice;
  static SshKeygenSigner bob;

  @TempDir static Path dir;

  @BeforeAll
  static void runASignedForget() throws Exception {
    alice = SshKeyGenerator.ed25519(dir.resolve("alice"), "alice");
    bob = SshKeyGenerator.ed25519(dir.resolve("bob"), "bob");
    Files.writeString(dir.resolve("allowed_signers"),
        SshKeyGenerator.allowedSignersLine("alice", alice.publicKey(), SignedText.NAMESPACE) + "\n"
            + SshKeyGenerator.allowedSignersLine("bob", bob.publicKey(), SignedText.NAMESPACE) + "\n");
    Path policyFile = Files.writeString(dir.resolve("policy.yaml"), "signatures: {allowedSigners: allowed_signers}\n");
    PolicyFile policy = PolicyReader.read(policyFile, PoolRescueRegistrations.PROCEDURES, false);

    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(SimulatedPool.EPOCH)
        .setWorkerFactoryOptions(PoolRescueRegistrations.factoryOptions())
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setIdentity("alice").build())
        .build());
    SimulatedPool sim = SimulatedPool.preset("small", () -> Instant.ofEpochMilli(env.currentTimeMillis()),
        SimTimings.defaults());
    try (SimulatedFencing fencing = SimulatedFencing.start(sim, dir.resolve("secrets"), "root", null)) {
      Worker worker = env.newWorker(TaskQueues.POOL_RECOVERY);
      PoolRescueRegistrations.register(worker, new ActivityDependencies(sim,
          DirectoryBackupStore.withoutEncryption(Files.createDirectories(dir.resolve("backups"))),
          new LoggingNotificationSink(), fencing.fencing(), false, () -> policy).withClient(env.getWorkflowClient()));
      env.start();
      Host h2 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
      sim.killHost(h2.uuid());
      WorkflowClient client = env.getWorkflowClient();
      MemberFailureRequest request = new MemberFailureRequest(sim.masterAddress(), h2.uuid(),
          MemberFailureRequest.Mode.FORGET, "alice", null, 4);
      Instant at = now(env);
      String signature = alice.sign(SignedText.start(ID, "MemberFailureRecovery", "alice", at,
          CanonicalJson.of(request)), SignedText.NAMESPACE);
      MemberFailureRecovery run = client.newWorkflowStub(MemberFailureRecovery.class, WorkflowOptions.newBuilder()
          .setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(ID)
          .setMemo(Map.of(StartSignature.MEMO, new StartSignature(at.toString(), signature))).build());
      WorkflowClient.start(run::run, request);
      approveUntilDone(env, client);
      result = client.newUntypedWorkflowStub(ID).getResult(RunResult.class);
      history = client.fetchHistory(ID);
    } finally {
      env.close();
    }
  }

  private static Instant now(TestWorkflowEnvironment env) {
    return Instant.ofEpochMilli(env.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS);
  }

  /** Bob signs an approval of each gate as it opens, until the run ends. */
  static void approveUntilDone(TestWorkflowEnvironment env, WorkflowClient client) {
    String runId = client.newUntypedWorkflowStub(ID).describe().getExecution().getRunId();
    for (int i = 0; i < 2000; i++) {
      RunStatus s = client.newUntypedWorkflowStub(ID).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
      if (s.result() != null) {
        return;
      }
      for (GateView g : s.openGates()) {
        Instant at = now(env);
        String reason = "seen " + g.gateId();
        byte[] text = SignedText.decision(ID, runId, "alice", g.gateId(), g.fingerprint(), g.targets(), "APPROVE",
            "bob", at, reason);
        client.newUntypedWorkflowStub(ID).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class,
            new DecideRequest(g.gateId(), "bob", Decision.APPROVE, reason, at.toString(),
                bob.sign(text, SignedText.NAMESPACE)));
      }
      env.sleep(Duration.ofSeconds(10));
    }
    throw new AssertionError("the run did not end");
  }

  private static AuditReport audit(WorkflowExecutionHistory h) {
    try (AuditEngine engine = new AuditEngine(CurrentWorkflows.all(), Optional.empty())) {
      return engine.audit(h, ID);
    }
  }

  @Test
  void theAuditVerifiesTheStartAndEveryDecisionAndNamesTheKeys() {
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    AuditReport r = audit(history);
    assertTrue(r.verdict().clean(), r.verdict().toString());
    assertEquals("verified: alice with key " + alice.publicKey().fingerprint(), r.run().startSignature());
    assertTrue(r.run().policy().contains("signed decisions only") && r.run().policy().contains("signed starts only"),
        r.run().policy());
    List<DecisionAudit> decisions = r.gates().stream().flatMap(g -> g.decisions().stream()).toList();
    assertEquals(3, decisions.size());
    for (DecisionAudit d : decisions) {
      assertEquals("verified: bob with key " + bob.publicKey().fingerprint(), d.signature(), r.warnings() + " " + d);
    }
    assertTrue(r.warnings().stream().noneMatch(w -> w.contains("does not verify")), r.warnings().toString());
  }

  @Test
  void aCopyWithAnEditedReasonIsFlagged() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode tree = json.readTree(history.toJson(false));
    boolean edited = false;
    for (JsonNode event : tree.path("events")) {
      JsonNode payloads = event.path("workflowExecutionUpdateAcceptedEventAttributes").path("acceptedRequest")
          .path("input").path("args").path("payloads");
      if (!edited && payloads.isArray() && payloads.size() == 1) {
        ObjectNode payload = (ObjectNode) payloads.get(0);
        String decoded = new String(Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8);
        String changed = decoded.replace("\"seen ", "\"nothing checked, ");
        payload.put("data", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        edited = !changed.equals(decoded);
      }
    }
    assertTrue(edited, "the copy has an edited decision");
    AuditReport r = audit(WorkflowExecutionHistory.fromJson(json.writeValueAsString(tree)));
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("does not verify: NOT VERIFIED (BAD_SIGNATURE)")),
        r.warnings().toString());
  }
}
