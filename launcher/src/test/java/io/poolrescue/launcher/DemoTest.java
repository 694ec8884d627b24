package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.cli.CliRun;
import io.poolrescue.cli.ExitCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first command, run through the real entry point: dev stack, fault, gates, decisions, healthy pool. */
class DemoTest {

  @Test
  void memberFailureDemoApprovesAsASecondPersonAndEndsHealthy() {
    CliRun run = CliRun.of(PoolRescueMain.commandLine(), "demo", "--yes", "--as", "second-operator", "--started-by", "first-operator");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    String out = run.out();
    assertTrue(out.contains("=== pool BEFORE"), out);
    assertTrue(out.contains(">>> FAULT injected: power lost on host-2"), out);
    assertTrue(out.contains("fenced: BMC redfish"), "the BMC's word that host-2 is off is shown: " + out);
    for (String gate : List.of("reset-vms", "release-vdi-locks", "forget-host")) {
      assertTrue(out.contains("GATE " + gate + "  [OPEN]"), "gate shown: " + gate);
      assertTrue(out.contains(">>> DECISION on " + gate + ": APPROVE by second-operator"), "decision shown: " + gate);
    }
    assertTrue(out.contains("each signs with an SSH key made for the demo"), out);
    assertTrue(out.contains("APPROVE by second-operator") && out.contains("(signed, key SHA256:"),
        "every decision is signed, and shown so: " + out);
    assertTrue(out.contains("evidence   : host = "), "gates show their evidence");
    assertTrue(out.contains("last heartbeat = "), "gates show their evidence");
    assertTrue(out.contains("result: RECOVERED"), out);
    String after = out.substring(out.indexOf("=== pool AFTER"));
    assertTrue(after.contains("healthy: every host in the pool is live"), after);
    assertTrue(after.contains("pool: healthy"), after);
    assertTrue(run.err().isBlank(), run.err());
  }

  @Test
  void theApproverCannotBeTheStarter() {
    CliRun run = CliRun.of(PoolRescueMain.commandLine(), "demo", "--yes", "--as", "same", "--started-by", "same");
    assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("four eyes"), run.toString());
  }

  @Test
  void withoutATerminalItNeedsYes() {
    CliRun run = CliRun.of(PoolRescueMain.commandLine(), "demo");
    assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("use --yes --as NAME"), run.toString());
  }
}
