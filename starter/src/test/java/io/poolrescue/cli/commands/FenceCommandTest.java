package io.poolrescue.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.cli.CliRun;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.BmcFault;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code poolrescue fence status|check} against the simulated BMCs over Redfish, through an inventory file. */
class FenceCommandTest {
  @TempDir Path dir;
  private SimulatedPool sim;
  private SimulatedFencing fencing;
  private Path inventory;

  @BeforeEach
  void setUp() throws Exception {
    sim = SimulatedPool.preset("small");
    fencing = SimulatedFencing.start(sim, dir.resolve("secrets"), "root", "env:UNUSED");
    inventory = dir.resolve("inventory.json");
    new ObjectMapper().writeValue(inventory.toFile(), fencing.inventory());
  }

  @AfterEach
  void tearDown() {
    fencing.close();
  }

  @Test
  void statusSaysWhatEachBmcSays() throws Exception {
    sim.killHost(host("host-2").uuid());
    CliRun run = CliRun.of("fence", "status", "--all", "--inventory", inventory.toString(), "--json");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    JsonNode lines = new ObjectMapper().readTree(run.out());
    assertEquals(3, lines.size());
    for (JsonNode l : lines) {
      assertEquals(l.get("name").asText().equals("host-2") ? "OFF" : "ON", l.get("power").asText(), l.toString());
      assertTrue(l.get("bmc").asText().startsWith("redfish https://127.1.10."), l.toString());
    }
    CliRun one = CliRun.of("fence", "status", "host-3", "--inventory", inventory.toString());
    assertEquals(ExitCode.OK, one.exitCode(), one.toString());
    assertTrue(one.out().contains(host("host-3").uuid()) && one.out().contains(" ON "), one.out());
    assertFalse(one.out().contains("host-2"), one.out());
  }

  @Test
  void checkFailsNamingTheHostWhoseBmcCannotTell() {
    String h3 = host("host-3").uuid();
    sim.setBmcFault(h3, BmcFault.UNREACHABLE);
    CliRun run = CliRun.of("fence", "check", "--inventory", inventory.toString());
    assertEquals(ExitCode.FAILED, run.exitCode(), run.toString());
    String line = run.out().lines().filter(l -> l.startsWith(h3)).findFirst().orElseThrow();
    assertTrue(line.contains("UNKNOWN") && line.contains("unreachable"), line);
    assertTrue(run.out().contains("1 of 3 host(s) cannot be fenced"), run.out());

    sim.setBmcFault(h3, BmcFault.NONE);
    CliRun ok = CliRun.of("fence", "check", "--inventory", inventory.toString());
    assertEquals(ExitCode.OK, ok.exitCode(), ok.toString());
    assertTrue(ok.out().contains("every host can be fenced"), ok.out());
  }

  @Test
  void badInputIsOneLineAndChangesNothing() throws Exception {
    CliRun missing = CliRun.of("fence", "check");
    assertEquals(ExitCode.BAD_INPUT, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("--inventory FILE"), missing.toString());
    CliRun unknown = CliRun.of("fence", "status", "no-such-host", "--inventory", inventory.toString());
    assertEquals(ExitCode.BAD_INPUT, unknown.exitCode(), unknown.toString());
    assertEquals(1, unknown.errLines().size(), unknown.toString());
    Path broken = Files.writeString(dir.resolve("bad.yaml"), "pools: [{uuid: p}]\n");
    CliRun bad = CliRun.of("fence", "check", "--inventory", broken.toString());
    assertEquals(ExitCode.BAD_INPUT, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains("'master' (the master's address) is required"), bad.toString());
    assertTrue(sim.journal().entries().isEmpty(), "nothing was asked of the pool or powered off");
  }

  private Host host(String name) {
    return sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst().orElseThrow();
  }
}
