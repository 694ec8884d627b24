package io.poolrescue.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.client.codec.EncryptionKey;
import io.poolrescue.client.codec.PayloadKeyring;
import io.poolrescue.client.codec.PoolRescueDataConverter;
import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real recovery run with payload encryption on: the Temporal server stores nothing of the request,
 * the gates or the results in clear, and the audit reads the run with the key and only with it.
 */
class EncryptedRecoveryAuditTest {

  static final EncryptionKey KEY = randomKey();
  static WorkflowExecutionHistory history;
  static String hostUuid;
  static RunResult result;

  @TempDir static Path dir;

  static EncryptionKey randomKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return EncryptionKey.ofBytes(raw);
  }

  @BeforeAll
  static void runAForgetWithEncryption() throws Exception {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(SimulatedPool.EPOCH)
        .setWorkerFactoryOptions(PoolRescueRegistrations.factoryOptions())
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(PoolRescueDataConverter.encrypted(KEY)).setIdentity("alice").build())
        .build());
    SimulatedPool sim = SimulatedPool.preset("small", () -> Instant.ofEpochMilli(env.currentTimeMillis()),
        SimTimings.defaults());
    try (SimulatedFencing fencing = SimulatedFencing.start(sim, dir.resolve("secrets"), "root", null)) {
      Worker worker = env.newWorker(TaskQueues.POOL_RECOVERY);
      PoolRescueRegistrations.register(worker, new ActivityDependencies(sim,
          DirectoryBackupStore.withoutEncryption(Files.createDirectories(dir.resolve("backups"))),
          new LoggingNotificationSink(), fencing.fencing(), false).withClient(env.getWorkflowClient()));
      env.start();
      Host h2 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
      hostUuid = h2.uuid();
      sim.killHost(hostUuid);
      WorkflowClient client = env.getWorkflowClient();
      MemberFailureRecovery run = client.newWorkflowStub(MemberFailureRecovery.class,
          WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId("sealed-forget").build());
      WorkflowClient.start(run::run, new MemberFailureRequest(sim.masterAddress(), hostUuid,
          MemberFailureRequest.Mode.FORGET, "alice", ApprovalPolicy.defaults(), 4));
      approveUntilDone(env, client, "sealed-forget");
      result = client.newUntypedWorkflowStub("sealed-forget").getResult(RunResult.class);
      history = client.fetchHistory("sealed-forget");
    } finally {
      env.close();
    }
  }

  /** Bob approves each gate through the decide update until the run ends. */
  static void approveUntilDone(TestWorkflowEnvironment env, WorkflowClient client, String id) {
    for (int i = 0; i < 2000; i++) {
      RunStatus s = client.newUntypedWorkflowStub(id).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
      if (s.result() != null) {
        return;
      }
      for (GateView g : s.openGates()) {
        client.newUntypedWorkflowStub(id).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class,
            new DecideRequest(g.gateId(), "bob", Decision.APPROVE, "seen " + g.gateId()));
      }
      env.sleep(Duration.ofSeconds(10));
    }
    throw new AssertionError("the run did not end");
  }

  @Test
  void theServerKeepsNothingOfTheRunInClear() throws Exception {
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<String> leaves = new ArrayList<>();
    collect(new ObjectMapper().readTree(history.toJson(false)), leaves);

    assertTrue(leaves.contains("binary/encrypted"), "payloads are sealed");
    for (String secret : List.of(hostUuid, "RECOVERED", "reset the power state", "seen reset-vms", "says Off")) {
      assertTrue(leaves.stream().noneMatch(l -> l.toLowerCase().contains(secret.toLowerCase())),
          "'" + secret + "' readable in the stored history");
    }
  }

  @Test
  void theAuditReadsTheRunWithTheKeyOnly() {
    try (AuditEngine withKey = new AuditEngine(CurrentWorkflows.all(), Optional.of(PayloadKeyring.of(KEY)))) {
      AuditReport r = withKey.audit(history, "sealed-forget");
      assertTrue(r.verdict().clean(), r.verdict().toString());
      assertEquals(hostUuid, r.run().request().get("hostUuid").asText());
      assertEquals(3, r.gates().size());
      assertEquals("seen reset-vms", r.gates().get(0).decisions().get(0).reason());
      assertEquals(KEY.id(), r.encryptedWith());
    }
    try (AuditEngine withoutKey = new AuditEngine(CurrentWorkflows.all(), Optional.empty())) {
      AuditInputException e = assertThrows(AuditInputException.class, () -> withoutKey.audit(history, "sealed-forget"));
      assertEquals("sealed-forget is encrypted (key " + KEY.id() + "); give its key with --key-file", e.getMessage());
    }
  }

  @Test
  void aGenuineEncryptedHistoryHasNoPlaintextPayload() {
    PayloadCounts counts = EncryptionCheck.count(history);
    assertEquals(0, counts.plaintext(), counts.toString());
    assertTrue(counts.encrypted() > 10, counts.toString());
    try (AuditEngine engine = new AuditEngine(CurrentWorkflows.all(), Optional.of(PayloadKeyring.of(KEY)))) {
      AuditReport r = engine.audit(history, "sealed-forget");
      assertFalse(io.poolrescue.audit.render.TextReport.render(r).contains("mixes encrypted and plaintext"));
    }
  }

  /**
   * Someone with the exported file but not the key swaps the sealed request for readable JSON naming
   * another starter: the audit says the history mixes encrypted and plaintext payloads.
   */
  @Test
  void aHistoryEditedInTheClearIsFlagged() throws Exception {
    var started = history.getEvents().get(0);
    var sealedInput = started.getWorkflowExecutionStartedEventAttributes().getInput();
    MemberFailureRequest genuine = PoolRescueDataConverter.encrypted(KEY)
        .fromPayloads(0, Optional.of(sealedInput), MemberFailureRequest.class, MemberFailureRequest.class);
    MemberFailureRequest spoofed = new MemberFailureRequest(genuine.poolAddress(), genuine.hostUuid(), genuine.mode(),
        "mallory", genuine.approvals(), genuine.maxParallel(), genuine.formerPoolMaster());
    io.temporal.api.common.v1.Payloads plain = PoolRescueDataConverter.plain().toPayloads(spoofed).orElseThrow();
    List<io.temporal.api.history.v1.HistoryEvent> events = new ArrayList<>(history.getEvents());
    events.set(0, started.toBuilder().setWorkflowExecutionStartedEventAttributes(
        started.getWorkflowExecutionStartedEventAttributes().toBuilder().setInput(plain)).build());
    WorkflowExecutionHistory edited = new WorkflowExecutionHistory(
        io.temporal.api.history.v1.History.newBuilder().addAllEvents(events).build(), "sealed-forget");

    PayloadCounts counts = EncryptionCheck.count(edited);
    assertEquals(1, counts.plaintext());
    assertTrue(counts.mixed());
    try (AuditEngine engine = new AuditEngine(CurrentWorkflows.all(), Optional.of(PayloadKeyring.of(KEY)))) {
      AuditReport r = engine.audit(edited, "edited.json");
      String text = io.poolrescue.audit.render.TextReport.render(r);
      assertTrue(text.contains("WARNING: this history mixes encrypted and plaintext payloads (1 plaintext of "
          + counts.total() + ")"), text);
      assertTrue(r.warnings().contains(counts.warning()), r.warnings().toString());
      assertEquals(1, new ObjectMapper().readTree(io.poolrescue.audit.render.JsonReport.render(r))
          .path("payloads").path("plaintext").asInt(), "the JSON report counts it too");
    }
  }

  /** Every JSON string, and its base64 decoding when it is base64 (as payload bytes are). */
  private static void collect(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
      try {
        out.add(new String(Base64.getDecoder().decode(node.asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // text only
      }
    }
    node.forEach(child -> collect(child, out));
  }
}
