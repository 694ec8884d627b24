package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.cli.AdminClient;
import io.poolrescue.client.admin.JournalLine;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker process is killed with SIGKILL in the middle of a run, right after a gate was approved
 * and the first VMs were reset. A new worker process takes over: the run completes and the simulated
 * pool's journal shows every dangerous operation exactly once. Temporal server and pool run in a
 * third process ({@code poolrescue dev --no-worker}) and survive the crash, as a real cluster would.
 */
class CrashTest {

  @Test
  void workerKilledMidRunAnotherFinishesItAndNothingDangerousRepeats() throws Exception {
    try (DevStackProcess stack = DevStackProcess.start("crash-devstack", false)) {
      RunDriver cli = new RunDriver(stack.temporal(), stack.admin());
      AdminClient admin = new AdminClient(URI.create(stack.admin()));
      JavaProcess first = stack.startWorker("crash-worker-1");
      JavaProcess second = null;
      try {
        JsonNode pool = cli.json("pool", "show", "--json");
        String host2 = EndToEndTest.uuidOf(pool, "host-2");
        List<String> host2Vms = new ArrayList<>();
        pool.get("vms").forEach(v -> {
          if ("host-2".equals(v.path("residentOn").asText())) {
            host2Vms.add(v.get("uuid").asText());
          }
        });
        cli.ok("pool", "fail-host", "host-2");
        // One VM at a time, so the kill lands between resets.
        String id = cli.ok("start", "member-failure", "--pool", stack.info.masterAddress(), "--host", host2,
            "--mode", "FORGET", "--max-parallel", "1", "--as", "alice", "--key", stack.info.signingKeys().get("alice")).out().strip();

        int resetsAtKill = -1;
        long deadline = System.currentTimeMillis() + 240_000;
        while (!cli.execution(id).equals("COMPLETED")) {
          assertTrue(System.currentTimeMillis() < deadline, "run did not complete");
          for (JsonNode g : cli.openGates()) {
            String gate = g.at("/gate/gateId").asText();
            cli.ok("approve", g.get("workflowId").asText(), gate, "--as", "bob", "--key", stack.info.signingKeys().get("bob"), "--reason", "checked");
            if (gate.equals("reset-vms") && second == null) {
              resetsAtKill = killAtFirstReset(admin, first);
              assertFalse(first.alive());
              second = stack.startWorker("crash-worker-2");
            }
          }
          Thread.sleep(250);
        }
        assertTrue(resetsAtKill >= 1, "the worker died after some VMs were reset: " + resetsAtKill);
        System.out.println("VM resets journaled when the worker was killed: " + resetsAtKill + " of " + host2Vms.size());

        JsonNode status = cli.json("status", id, "--json");
        assertEquals("RECOVERED", status.at("/status/result/outcome").asText(), status.toString());
        assertEachDangerousOperationOnce(admin.journal(), host2Vms, host2);
        assertTrue(cli.json("pool", "show", "--json").get("integrityViolations").isEmpty());

        // The surviving worker stops gracefully on SIGTERM (what docker stop / systemd send).
        second.terminate();
        Thread.sleep(300); // the pump thread writes the last lines
        String log = second.output();
        assertTrue(log.contains("worker stopping") && log.contains("worker stopped"), log);
      } finally {
        first.close();
        if (second != null) {
          second.close();
        }
      }
    }
  }

  /** Watches the journal and SIGKILLs the worker as soon as the first VM reset is in; returns the resets seen. */
  private static int killAtFirstReset(AdminClient admin, JavaProcess worker) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (resets(admin.journal()) > 0) {
        worker.kill();
        return resets(admin.journal());
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no VM reset within a minute of approving reset-vms");
  }

  private static int resets(List<JournalLine> journal) {
    return (int) journal.stream().filter(e -> e.call().equals("VM.power_state_reset") && e.outcome().equals("ok")).count();
  }

  /** Each dangerous call with the same arguments succeeded once; the failed host's VMs were reset once each, it was forgotten once. */
  static void assertEachDangerousOperationOnce(List<JournalLine> journal, List<String> vmsOfFailedHost, String failedHost) {
    Map<String, Long> counts = OneShotCalls.counts(journal);
    counts.forEach((op, n) -> assertEquals(1L, n, op + " happened " + n + " times; journal: " + journal));
    for (String vm : vmsOfFailedHost) {
      assertEquals(1L, counts.getOrDefault("VM.power_state_reset [" + vm + "]", 0L), "reset of " + vm);
    }
    assertEquals(1L, counts.getOrDefault("host.destroy [" + failedHost + "]", 0L), "host.destroy");
    long starts = journal.stream().filter(e -> e.call().equals("VM.start_on") && e.outcome().equals("ok")).count();
    assertEquals(3, starts, "three VMs restarted (the fourth has its disk on the lost local SR)");
  }
}
