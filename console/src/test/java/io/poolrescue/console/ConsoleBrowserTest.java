package io.poolrescue.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.audit.AuditEngine;
import io.poolrescue.audit.AuditReport;
import io.poolrescue.audit.ChildHistories;
import io.poolrescue.audit.HistoryLoader;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.admin.Fault;
import io.poolrescue.client.admin.PoolSummary;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console end to end in Debian's Chromium (src/test/node/e2e.mjs): two people enrol virtual
 * authenticators, alice starts member-failure runs, bob rejects one and approves the other through
 * to RECOVERED, with the refusals the workflow must make on the way. Real parts throughout: the dev
 * stack (Temporal's test server in real time, the simulated pool over the XAPI wire, the worker),
 * the console over HTTP, the browser's own WebAuthn.
 */
class ConsoleBrowserTest {
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  @TempDir static Path state;
  private static DevStack stack;
  private static TemporalSession session;
  private static ConsoleServer console;

  @BeforeAll
  static void up() throws Exception {
    NodeProject.install();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    stack = DevStack.start(DevStack.Options.ephemeral().withStateDir(state).withConsolePort(port));
    DevStackInfo info = stack.info();
    session = TemporalSession.open(TemporalOptions.at(info.temporal()), "console-test");
    console = ConsoleServer.start(new ConsoleSettings("127.0.0.1", port, Path.of(info.webauthnCredentials()),
        URI.create(info.admin())), session);
  }

  @AfterAll
  static void down() {
    if (console != null) {
      console.close();
    }
    if (session != null) {
      session.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void enrolStartRejectApproveToRecoveredInChromium() throws Exception {
    DevStackInfo info = stack.info();
    String host2 = stack.pool().host("host-2").uuid();
    stack.pool().inject(new Fault.FailHost("host-2"));
    awaitDeclaredDead(host2);

    NodeProject.Result r = NodeProject.run(List.of("node", "e2e.mjs"), Map.of(
        "CONSOLE", "http://localhost:" + console.port(),
        "CREDENTIALS", info.webauthnCredentials(),
        "XAPI", info.xapiUrl(),
        "XAPI_PASSWORD", Files.readString(Path.of(info.passwordFile()), StandardCharsets.UTF_8).strip(),
        "MASTER", info.masterAddress(),
        "HOST_UUID", host2,
        "SHOTS", SHOTS.toAbsolutePath().toString(),
        "CHROMIUM", NodeProject.CHROMIUM), 600);
    if (r.exit() != 0) {
      fail("node e2e.mjs failed (exit " + r.exit() + ")\n" + r.out() + r.err());
    }
    String[] lines = r.out().strip().split("\n");
    JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);

    assertEquals(2, summary.at("/enrolled").size(), summary.toString());
    assertEquals(-7, summary.at("/enrolled/0/algorithm").asInt(), "Chromium's virtual authenticator makes ES256 keys");
    for (String refusal : List.of("starter", "fingerprint", "gate", "replayed", "tampered", "missing", "noReason",
        "oversized", "unsigned", "plainText")) {
      assertFalse(summary.at("/refusals/" + refusal).asText().isBlank(), refusal + " was refused: " + summary);
    }
    assertTrue(summary.at("/refusals/fingerprint").asText().contains("BAD_SIGNATURE"), summary.toString());
    assertEquals("RECOVERED", summary.at("/runs/recovered/outcome").asText(), summary.toString());
    assertEquals("reset-vms#2", summary.at("/voided/again").asText(), summary.toString());
    assertTrue(summary.at("/keyboard").asBoolean(), "a gate was decided with the keyboard alone");
    assertTrue(summary.at("/audit").asBoolean(), "the runs page lists the closed run with its audit report");
    assertEquals(390, summary.at("/phone/view").asInt(), summary.toString());

    String workflowId = summary.at("/runs/recovered/workflowId").asText();
    RunStatus status = session.run(workflowId).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
    assertEquals("alice", status.requestedBy());
    assertTrue(status.authority().starterKey().startsWith("webauthn:"), "the start was signed in the browser");
    assertEquals(Optional.of(GateState.VOIDED), status.gates().stream().filter(g -> g.gateId().equals("reset-vms"))
        .map(GateView::state).findFirst());
    for (GateView g : status.gates()) {
      assertTrue(g.state() == GateState.APPROVED || g.state() == GateState.VOIDED, g.toString());
      g.decisions().forEach(d -> {
        assertEquals("bob", d.approver(), "only bob's decisions were recorded, never the starter's");
        assertEquals(Decision.APPROVE, d.decision());
        assertTrue(d.signerKey().startsWith("webauthn:"), d.toString());
      });
    }
    PoolSummary pool = stack.pool().summary();
    assertTrue(pool.integrityViolations().isEmpty(), pool.integrityViolations().toString());
    assertTrue(pool.hosts().stream().filter(h -> h.uuid().equals(host2)).allMatch(h -> h.live() == null),
        "host-2 is forgotten: the master's database no longer has it");

    // the audit verifies every browser signature again from the history alone
    try (AuditEngine engine = new AuditEngine(PoolRescueRegistrations.WORKFLOW_TYPES, Optional.empty())) {
      AuditReport report = engine.audit(HistoryLoader.fromCluster(session.client(), workflowId), workflowId,
          ChildHistories.onCluster(session.client()));
      assertTrue(report.run().startSignature().startsWith("verified: alice with WebAuthn credential"),
          report.run().startSignature());
      List<String> verdicts = report.gates().stream().flatMap(g -> g.decisions().stream())
          .map(AuditReport.DecisionAudit::signature).toList();
      assertFalse(verdicts.isEmpty());
      verdicts.forEach(v -> assertTrue(v.startsWith("verified: bob with WebAuthn credential"), v));
      assertTrue(report.warnings().stream().noneMatch(w -> w.contains("does not verify")), report.warnings().toString());
    }
    for (String page : List.of("queue", "gate", "run", "pool")) {
      assertTrue(Files.size(SHOTS.resolve(page + ".png")) > 10_000, page + " screenshot written");
    }
  }

  /** The master declares host-2 dead (demo timings: 20 s), so the run's first questions are stable. */
  private static void awaitDeclaredDead(String host) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until)) {
      if (stack.pool().summary().hosts().stream().anyMatch(h -> h.uuid().equals(host) && Boolean.FALSE.equals(h.live()))) {
        return;
      }
      Thread.sleep(500);
    }
    fail("the master did not declare " + host + " dead within 60 s");
  }
}
