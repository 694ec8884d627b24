package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecLoadingTest {

  static Path spec(String name) {
    try {
      return Paths.get(SpecLoadingTest.class.getResource("/specs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theDocumentedExampleLoads() {
    PoolSpec spec = SimulatedPool.readSpec(spec("example.json"));
    SimulatedPool sim = SimulatedPool.fromSpec(spec, new ManualClock(SimulatedPool.EPOCH), SimTimings.defaults());
    PoolSnapshot s = sim.snapshot();
    assertEquals("branch-office", s.pool().nameLabel());
    assertEquals("xs-a", s.master().orElseThrow().nameLabel());
    assertEquals("5f0c8a52-3c1e-4d5b-9a7e-2b6f1c9d0e11", Lookup.host(s, "xs-b").uuid());
    assertEquals(32768L << 20, Lookup.host(s, "xs-b").memoryTotal());
    Vm db = Lookup.vm(s, "db");
    assertEquals(PowerState.RUNNING, db.powerState());
    assertEquals(3, db.version());
    assertEquals(2, s.disksOf(db.ref()).size());
    assertTrue(s.disksOf(db.ref()).stream().anyMatch(d -> d.location().equals("db-seed.vhd")));
    assertEquals(Map.of("server", "192.0.2.10", "serverpath", "/export/vms"),
        s.pbdsOfSr(Lookup.sr(s, "nfs-vms").ref()).get(0).deviceConfig());
    assertEquals("CZJ1234ABC", Lookup.host(s, "xs-a").serial(), "the spec's serial");
    String made = Lookup.host(s, "xs-b").serial();
    assertEquals(made, SimulatedPool.fromSpec(spec, new ManualClock(SimulatedPool.EPOCH), SimTimings.defaults())
        .snapshot().hosts().get(1).serial(), "a made-up serial is the same every time");
    assertTrue(made.startsWith("SIM"), made);
    assertTrue(sim.authenticate("root", "example-only"));
    assertFalse(sim.authenticate("root", "poolrescue-sim"), "the spec overrides the preset password");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown-field.json        | Unrecognized field \"colour\"",
      "truncated.json            | line",
      "no-hosts.json             | at least one host",
      "duplicate-host.json       | host name a is used twice",
      "unknown-resident.json     | needs residentOn one of the hosts, got b",
      "local-disk-elsewhere.json | runs on b but has a disk on a's local SR la",
      "too-much-memory.json      | host a has not enough memory",
      "bad-uuid.json             | malformed uuid: not-a-uuid",
      "bad-power-state.json      | unknown power state Sleeping",
      "two-masters.json          | only one host may be master",
      "unknown-default-sr.json   | default SR nowhere is not one of the SRs",
      "bad-management-nic.json   | management NIC eth9 is not one of [eth0]"})
  void aBadSpecIsRefusedWithItsReason(String file, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedPool.readSpec(spec("bad/" + file)));
    assertTrue(e.getMessage().startsWith("pool spec "), e.getMessage());
    assertTrue(e.getMessage().contains(file), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(reason), "says why: " + e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimulatedPool.readSpec(Path.of("/nonexistent/pool.json")));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void fromSpecChecksTooAndBuildsNothingOnError() {
    PoolSpec twoMasters = new PoolSpec("x", null, java.util.List.of(
        new PoolSpec.HostSpec("a", null, "127.0.60.1", 4096, null, null, true),
        new PoolSpec.HostSpec("b", null, "127.0.60.2", 4096, null, null, true)), null, null, null, null);
    assertThrows(IllegalArgumentException.class,
        () -> SimulatedPool.fromSpec(twoMasters, new ManualClock(SimulatedPool.EPOCH), SimTimings.defaults()));
  }
}
