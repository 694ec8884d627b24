package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With HA on, xhad's liveset decides: fencing, automatic restarts, automatic election. */
class HaTest {
  private final ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
  private final SimulatedPool sim = SimulatedPool.preset("small-ha", clock, SimTimings.defaults());
  private final PoolSnapshot start = sim.snapshot();

  private Vm vm(String name) {
    return Lookup.vm(sim.snapshot(), name);
  }

  @Test
  void aLostMemberIsFencedAndItsProtectedVmsRestartElsewhere() {
    String h2ref = Lookup.host(start, "host-2").ref();
    sim.killHost(Lookup.host(start, "host-2").uuid());
    clock.advance(Duration.ofSeconds(59));
    assertTrue(Lookup.host(sim.snapshot(), "host-2").live());
    assertEquals(h2ref, vm("vm-05").residentOn());
    clock.advance(Duration.ofSeconds(1));
    PoolSnapshot s = sim.snapshot();
    assertFalse(Lookup.host(s, "host-2").live(), "out of the liveset after the HA timeout");
    Vm vm05 = vm("vm-05");
    assertEquals(PowerState.RUNNING, vm05.powerState(), "restart priority: restarted");
    assertNotEquals(h2ref, vm05.residentOn());
    assertEquals(s.host(vm05.residentOn()).orElseThrow().uuid(), sim.runningDomains().get(vm05.uuid()));
    for (String name : List.of("vm-06", "vm-07")) {
      assertEquals(PowerState.HALTED, vm(name).powerState(), name + " is not protected");
      assertNull(vm(name).residentOn());
    }
    assertEquals(PowerState.HALTED, vm("vm-08").powerState(), "protected but its disk was on the lost local SR");
    assertTrue(s.vdis().stream().noneMatch(d -> d.lockedBy(h2ref)), "the pre-declare-dead hook released its locks");
    assertEquals(List.of(), sim.integrityViolations());
  }

  @Test
  void aCutOffMemberFencesItselfSoNothingRunsTwice() {
    String h3 = Lookup.host(start, "host-3").uuid();
    sim.cutNetwork(h3);
    clock.advance(Duration.ofSeconds(60));
    assertFalse(sim.runningDomains().containsValue(h3), "self-fencing killed its domains");
    assertEquals(PowerState.RUNNING, vm("vm-09").powerState());
    assertEquals(List.of(), sim.integrityViolations());
    sim.bringBack(h3);
    assertTrue(Lookup.host(sim.snapshot(), "host-3").live(), "back in the liveset");
  }

  @Test
  void aLostMasterIsReplacedByElection() {
    String oldMaster = sim.masterAddress();
    sim.killMaster();
    clock.advance(Duration.ofSeconds(59));
    assertEquals(oldMaster, sim.masterAddress());
    clock.advance(Duration.ofSeconds(1));
    Host expected = start.hosts().stream().filter(h -> !h.nameLabel().equals("host-1"))
        .min(Comparator.comparing(Host::uuid)).orElseThrow();
    assertEquals(expected.address(), sim.masterAddress(), "the first live member by uuid wins");
    PoolSnapshot s = sim.snapshot();
    assertEquals(expected.uuid(), s.master().orElseThrow().uuid());
    assertFalse(Lookup.host(s, "host-1").live());
    assertEquals(PowerState.RUNNING, vm("vm-01").powerState(), "the old master's protected VM restarted");
    String other = start.hosts().stream().filter(h -> !h.nameLabel().equals("host-1") && !h.equals(expected))
        .findFirst().orElseThrow().address();
    assertEquals(new HostProbe.Slave(other, expected.address()), sim.connect(other).probe());
    assertTrue(s.pool().haEnabled());
  }

  @Test
  void emergencyTransitionIsRefusedWhileHaIsArmed() {
    sim.killMaster();
    // no waiting for the election: a human trying to promote by hand is refused
    io.poolrescue.pool.XapiException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.poolrescue.pool.XapiException.class, () -> sim.connect("127.0.10.2").emergencyTransitionToMaster());
    assertEquals("HA_IS_ENABLED", e.code());
  }
}
