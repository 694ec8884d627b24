package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.cli.AdminClient;
import io.poolrescue.cli.CliRun;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.client.admin.JournalLine;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through real processes and ports: the dev stack (Temporal test server, XAPI simulator, admin
 * endpoint, worker) runs in its own JVM; this test is the operator's terminal, using only the CLI.
 * A member host fails, MemberFailureRecovery runs, every gate is approved by a second person, and
 * the pool's final state is read back over XAPI.
 */
class EndToEndTest {
  static DevStackProcess stack;
  static RunDriver cli;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    stack = DevStackProcess.start("e2e-devstack", true);
    cli = new RunDriver(stack.temporal(), stack.admin());
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void memberFailureFromFaultToHealthyPool() throws Exception {
    JsonNode before = cli.json("pool", "show", "--json");
    String host2 = uuidOf(before, "host-2");
    List<String> host2Vms = new ArrayList<>();
    before.get("vms").forEach(v -> {
      if ("host-2".equals(v.path("residentOn").asText())) {
        host2Vms.add(v.get("uuid").asText());
      }
    });
    assertEquals(4, host2Vms.size());

    // host-2 and its VMs run on, but nobody reaches it: XAPI would let the run reset and forget it
    assertTrue(cli.ok("pool", "cut-network", "host-2").out().startsWith("network cut to host-2"));
    // The starter follows the run with --wait while the approver decides from "another terminal".
    String id = "member-failure-" + host2;
    ExecutorService terminal = Executors.newSingleThreadExecutor();
    Future<CliRun> starter = terminal.submit(() -> cli.run("start", "member-failure", "--pool",
        stack.info.masterAddress(), "--host", host2, "--mode", "FORGET", "--as", "alice", "--key", stack.info.signingKeys().get("alice"), "--wait"));
    RunDriver.await("the run to start", Duration.ofSeconds(60), () -> cli.run("status", id).exitCode() == ExitCode.OK);

    // A second start for the same host while the first runs is refused: never two recoveries at once.
    CliRun twice = cli.run("start", "member-failure", "--pool", stack.info.masterAddress(), "--host", host2,
        "--mode", "FORGET", "--as", "alice", "--key", stack.info.signingKeys().get("alice"));
    assertEquals(ExitCode.FAILED, twice.exitCode(), twice.toString());
    assertTrue(twice.err().contains("already in progress"), twice.toString());

    List<String> approved = new ArrayList<>();
    boolean refusalsChecked = false;
    long deadline = System.currentTimeMillis() + 150_000;
    while (!cli.execution(id).equals("COMPLETED")) {
      assertTrue(System.currentTimeMillis() < deadline, "run did not finish; approved " + approved);
      for (JsonNode g : cli.openGates()) {
        String gate = g.path("gate").path("gateId").asText();
        String wf = g.path("workflowId").asText();
        assertFalse(g.path("gate").path("evidence").isEmpty(), "a gate always carries its evidence: " + g);
        if (!refusalsChecked) {
          // The starter cannot approve its own run (four eyes) ...
          CliRun self = cli.run("approve", wf, gate, "--as", "alice", "--key", stack.info.signingKeys().get("alice"), "--reason", "my own run");
          assertEquals(ExitCode.FAILED, self.exitCode(), self.toString());
          assertEquals(1, self.errLines().size(), self.toString());
          assertTrue(self.err().startsWith("poolrescue: refused: "), self.toString());
          // ... and a gate that does not exist is refused in the workflow's own words.
          CliRun wrong = cli.run("approve", wf, "no-such-gate", "--as", "bob", "--key", stack.info.signingKeys().get("bob"), "--reason", "typo");
          assertEquals(ExitCode.FAILED, wrong.exitCode(), wrong.toString());
          assertEquals(1, wrong.errLines().size(), wrong.toString());
          assertTrue(wrong.err().contains("no-such-gate"), wrong.toString());
          assertFalse(wrong.err().contains("Exception"), wrong.toString());
          refusalsChecked = true;
        }
        CliRun ok = cli.ok("approve", wf, gate, "--as", "bob", "--key", stack.info.signingKeys().get("bob"), "--reason", "host-2 is unreachable, its VMs must move");
        assertTrue(ok.out().contains("APPROVE by bob") && ok.out().contains("(signed, key SHA256:"), ok.toString());
        approved.add(gate);
      }
      Thread.sleep(300);
    }
    assertTrue(refusalsChecked, "at least one gate was opened");
    CliRun followed = starter.get(60, TimeUnit.SECONDS);
    terminal.shutdown();
    assertEquals(ExitCode.OK, followed.exitCode(), followed.toString());
    assertEquals(id, followed.out().lines().findFirst().orElse(""), "start prints the workflow id first");
    // The follower polls; a gate approved between two polls is first seen closed, so it is shown
    // either open with its evidence or with its action and state, and always with its decision.
    String out = followed.out();
    assertTrue(out.contains("GATE fence-host  [OPEN]")
        || out.contains("gate fence-host APPROVED: Power off host " + host2), out);
    assertTrue(out.contains("gate fence-host: APPROVE by bob"), out);
    assertTrue(followed.out().contains("gate forget-host: APPROVE by bob"), followed.out());
    assertTrue(followed.out().contains("result: RECOVERED"), followed.out());
    assertTrue(approved.containsAll(List.of("fence-host", "reset-vms", "forget-host")), approved.toString());

    JsonNode status = cli.json("status", id, "--json");
    assertEquals("RECOVERED", status.at("/status/result/outcome").asText(), status.toString());
    assertEquals("alice", status.at("/status/requestedBy").asText());
    // a gate whose evidence changed before the decision (the master declared host-2 dead meanwhile) is
    // voided and asked again as <id>#2: timing decides, so either way every gate ends approved or re-asked
    List<String> approvedGates = new ArrayList<>();
    status.at("/status/gates").forEach(g -> {
      if (g.get("state").asText().equals("APPROVED")) {
        approvedGates.add(g.get("gateId").asText());
        assertEquals("bob", g.at("/decisions/0/approver").asText());
      }
    });
    for (JsonNode g : status.at("/status/gates")) {
      String gateId = g.get("gateId").asText();
      String state = g.get("state").asText();
      assertTrue(state.equals("APPROVED") || state.equals("VOIDED")
          && approvedGates.stream().anyMatch(a -> a.startsWith(gateId.replaceFirst("#\\d+$", "") + "#")), g.toString());
    }
    String text = cli.ok("status", id).out();
    assertTrue(text.contains("MemberFailureRecovery  " + id + "  [COMPLETED]  requested by alice"), text);
    assertTrue(text.contains("result: RECOVERED"), text);
    assertTrue(text.contains("Operations ("), text);

    Path history = dir.resolve("history.json");
    assertTrue(cli.ok("history", "export", id, "-o", history.toString()).out().startsWith("wrote "));
    String json = Files.readString(history);
    assertTrue(json.contains("\"eventType\"") && json.contains("WORKFLOW_EXECUTION_COMPLETED"), "a full history");
    assertFalse(json.contains("poolrescue-sim"), "no password in the history");

    // The pool, read over XAPI with the real client: host-2 is forgotten, its restartable VMs run on live hosts.
    try (PoolClient xapi = stack.xapi().connect(stack.info.masterAddress())) {
      PoolSnapshot after = xapi.snapshot();
      assertTrue(after.hostByUuid(host2).isEmpty(), "host-2 was forgotten");
      assertTrue(after.hosts().stream().allMatch(Host::live), "every remaining host is live");
      Map<String, Vm> vms = after.vms().stream().collect(Collectors.toMap(Vm::uuid, v -> v));
      int running = 0;
      for (String vm : host2Vms) {
        Vm v = vms.get(vm);
        if (v.powerState() == PowerState.RUNNING) {
          running++;
          assertTrue(after.host(v.residentOn()).map(Host::live).orElse(false), v.toString());
        } else {
          assertEquals(PowerState.HALTED, v.powerState(), "vm-08 has its disk on host-2's local SR: " + v);
        }
      }
      assertEquals(3, running, "vm-05, vm-06, vm-07 restarted elsewhere");
    }
    JsonNode after = cli.json("pool", "show", "--json");
    assertTrue(after.get("integrityViolations").isEmpty(), after.toString());

    // Every dangerous operation happened exactly once, and the BMC's ForceOff came before the first reset.
    List<JournalLine> journal = new AdminClient(java.net.URI.create(stack.admin())).journal();
    CrashTest.assertEachDangerousOperationOnce(journal, host2Vms, host2);
    List<String> calls = journal.stream().filter(JournalLine::succeeded).map(JournalLine::call).toList();
    assertTrue(calls.contains("bmc.ForceOff") && calls.indexOf("bmc.ForceOff") < calls.indexOf("VM.power_state_reset"),
        calls.toString());
    assertTrue(status.at("/status/fencing").asText().startsWith("fenced: BMC redfish"), status.toString());
  }

  static String uuidOf(JsonNode pool, String hostName) {
    for (JsonNode h : pool.get("hosts")) {
      if (h.get("name").asText().equals(hostName)) {
        return h.get("uuid").asText();
      }
    }
    throw new AssertionError("no " + hostName + " in " + pool);
  }

}
