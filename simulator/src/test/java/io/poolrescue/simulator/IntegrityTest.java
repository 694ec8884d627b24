package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.PoolSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Physical truth: what runs where, whatever the database says. */
class IntegrityTest {

  @Test
  void startingAVmWhoseHostIsOnlyCutOffRunsItTwice() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = Lookup.small(clock);
    PoolSnapshot s = sim.snapshot();
    String h2 = Lookup.host(s, "host-2").uuid();
    String h3 = Lookup.host(s, "host-3").uuid();
    String vm05 = Lookup.vm(s, "vm-05").uuid();
    sim.cutNetwork(h2);
    clock.advance(Duration.ofSeconds(700));
    sim.vmPowerStateReset(vm05);
    sim.resetVdis(h2, Lookup.sr(s, "nfs-shared").uuid(), false);
    assertTrue(sim.integrityViolations().isEmpty());
    sim.vmStartOn(vm05, h3);
    List<String> v = sim.integrityViolations();
    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).contains(vm05) && v.get(0).contains("still runs on host " + h2), v.get(0));
    assertEquals(h3, sim.runningDomains().get(vm05));
  }

  @Test
  void startingAVmWhoseHostReallyDiedIsClean() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = Lookup.small(clock);
    PoolSnapshot s = sim.snapshot();
    String h2 = Lookup.host(s, "host-2").uuid();
    String vm05 = Lookup.vm(s, "vm-05").uuid();
    sim.killHost(h2);
    assertTrue(!sim.runningDomains().containsKey(vm05), "power loss took the domain");
    clock.advance(Duration.ofSeconds(600));
    sim.vmPowerStateReset(vm05);
    sim.resetVdis(h2, Lookup.sr(s, "nfs-shared").uuid(), false);
    sim.vmStartOn(vm05, Lookup.host(s, "host-3").uuid());
    assertEquals(List.of(), sim.integrityViolations());
  }

  @Test
  void aStaleReplicaCanStartAVmThatAlreadyRuns() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = Lookup.small(clock);
    PoolSnapshot s = sim.snapshot();
    String vm12 = Lookup.vm(s, "vm-12").uuid();
    String h2 = Lookup.host(s, "host-2").uuid();
    String h3 = Lookup.host(s, "host-3").uuid();
    clock.advance(Duration.ofSeconds(60));
    sim.vmStartOn(vm12, h3); // after the last replica push
    sim.killMaster();
    sim.connect("127.0.10.2").emergencyTransitionToMaster();
    clock.advance(Duration.ofSeconds(10));
    assertEquals("Halted", Lookup.vm(sim.snapshot(), "vm-12").powerState().xapiName(), "the replica predates the start");
    assertEquals(h3, sim.runningDomains().get(vm12), "but it runs");
    sim.vmStartOn(vm12, h2);
    assertEquals(1, sim.integrityViolations().size(), sim.integrityViolations().toString());
  }

  @Test
  void aPeriodicPushKeepsTheReplicaCurrent() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = Lookup.small(clock);
    String vm12 = Lookup.vm(sim.snapshot(), "vm-12").uuid();
    clock.advance(Duration.ofSeconds(60));
    sim.vmStartOn(vm12, Lookup.host(sim.snapshot(), "host-3").uuid());
    clock.advance(Duration.ofSeconds(240)); // the push at 300 s
    sim.killMaster();
    sim.connect("127.0.10.2").emergencyTransitionToMaster();
    clock.advance(Duration.ofSeconds(10));
    assertEquals("Running", Lookup.vm(sim.snapshot(), "vm-12").powerState().xapiName());
  }
}
