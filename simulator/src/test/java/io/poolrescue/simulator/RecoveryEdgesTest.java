package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Corners of the state machine that the contract does not walk through. */
class RecoveryEdgesTest {
  private final ManualClock clock = new ManualClock(SimulatedPool.EPOCH);

  private void advance(long s) {
    clock.advance(Duration.ofSeconds(s));
  }

  @Test
  void aRestartedMasterGivesEveryMemberAFresh600s() {
    SimulatedPool sim = Lookup.small(clock);
    PoolSnapshot s = sim.snapshot();
    String h1 = Lookup.host(s, "host-1").uuid();
    String h3 = Lookup.host(s, "host-3").uuid();
    sim.killHost(h1);
    sim.killHost(h3);
    advance(700);
    sim.bringBack(h1);
    assertTrue(Lookup.host(sim.snapshot(), "host-3").live(), "the timer starts when the master first checks");
    advance(599);
    assertTrue(Lookup.host(sim.snapshot(), "host-3").live());
    assertTrue(Lookup.host(sim.snapshot(), "host-2").live(), "host-2 heartbeats again");
    advance(1);
    assertFalse(Lookup.host(sim.snapshot(), "host-3").live());
    assertEquals(PowerState.HALTED, Lookup.vm(sim.snapshot(), "vm-01").powerState(), "the master resynced its own VMs");
  }

  @Test
  void aHostFencedByHaStaysDeadWhenHaIsSwitchedOff() {
    SimulatedPool sim = SimulatedPool.preset("small-ha", clock, SimTimings.defaults());
    String h2 = Lookup.host(sim.snapshot(), "host-2").uuid();
    sim.killHost(h2);
    advance(60);
    sim.disableHa();
    advance(3600);
    assertFalse(Lookup.host(sim.snapshot(), "host-2").live());
    sim.bringBack(h2);
    assertTrue(Lookup.host(sim.snapshot(), "host-2").live());
  }

  @Test
  void aJoinerWhoseStorageAnswersElsewhereNeedsAnSrRepair() {
    SimulatedPool sim = Lookup.small(clock);
    Sr nfs = Lookup.sr(sim.snapshot(), "nfs-shared");
    String fresh = sim.addFreshHost(new FreshHostSpec("f", "127.0.30.1", 64L << 30, List.of("eth0", "eth1"), "eth0"));
    sim.loseStorage(fresh, nfs.uuid()); // the new machine cannot reach the filer yet
    sim.connect("127.0.30.1").poolJoin(sim.masterAddress());
    clock.advance(sim.timings().agentRestart()); // the joiner's agent restarts as a member
    PoolSnapshot s = sim.snapshot();
    Host joined = s.hostByUuid(fresh).orElseThrow();
    assertFalse(s.srPluggedOn(nfs.ref(), joined.ref()), "PBD created from the master's config, not attached");
    sim.bringBack(fresh);
    String pbd = s.pbdsOfSr(nfs.ref()).stream().filter(p -> p.hostRef().equals(joined.ref())).findFirst()
        .orElseThrow().uuid();
    sim.pbdPlug(pbd);
    assertTrue(sim.snapshot().srPluggedOn(nfs.ref(), joined.ref()));
  }

  @Test
  void storageSecretsStayOutOfTheJournal() {
    SimulatedPool sim = Lookup.small(clock);
    PoolSnapshot s = sim.snapshot();
    String pbd = sim.pbdCreate(Lookup.host(s, "host-2").uuid(), Lookup.sr(s, "local-host-1").uuid(),
        Map.of("server", "filer", "password", "s3cret-value"));
    assertTrue(sim.journal().entries().stream().noneMatch(e -> e.args().toString().contains("s3cret-value")));
    assertTrue(sim.journal().entries().get(0).args().toString().contains("password=<hidden>"));
    assertEquals(36, pbd.length());
  }

  @Test
  void anUnknownAddressIsDownAndFreshHostsAreListed() {
    SimulatedPool sim = Lookup.small(clock);
    assertInstanceOf(MachineState.Down.class, sim.machineAt("127.0.99.99"));
    sim.addFreshHost(new FreshHostSpec("f", "127.0.30.1", 8L << 30, List.of("eth0"), "eth0"));
    assertTrue(sim.addresses().contains("127.0.30.1"));
    assertEquals(new MachineState.Up(sim.snapshot().hosts().get(0).uuid(), true, "127.0.10.1"),
        sim.machineAt("127.0.10.1"));
  }

  @Test
  void aLargePoolAbsorbsALostHost() {
    SimulatedPool sim = SimulatedPool.preset("large", clock, SimTimings.defaults());
    PoolSnapshot s = sim.snapshot();
    Host lost = Lookup.host(s, "host-17");
    List<Vm> victims = s.residentVms(lost.ref());
    sim.killHost(lost.uuid());
    advance(600);
    PoolClient c = sim.connect("127.0.20.40");
    victims.forEach(v -> c.vmPowerStateReset(v.uuid()));
    for (Sr sr : s.srs()) {
      if (sr.shared() || s.ownerOf(sr).map(h -> h.equals(lost)).orElse(false)) {
        c.resetVdis(lost.uuid(), sr.uuid(), !sr.shared());
      }
    }
    c.hostDestroy(lost.uuid());
    List<String> stuck = new ArrayList<>();
    int next = 0;
    List<Host> others = c.snapshot().hosts();
    for (Vm v : victims) {
      boolean started = false;
      for (int tries = 0; tries < others.size() && !started; tries++) {
        Host target = others.get(next++ % others.size());
        try {
          c.vmStartOn(v.uuid(), target.uuid());
          started = true;
        } catch (io.poolrescue.pool.XapiException e) {
          if (!e.code().equals("VM_REQUIRES_SR") && !e.code().equals("HOST_NOT_ENOUGH_FREE_MEMORY")) {
            throw e;
          }
          if (e.code().equals("VM_REQUIRES_SR")) {
            break;
          }
        }
      }
      if (!started) {
        stuck.add(v.nameLabel());
      }
    }
    long onLocal = victims.stream().filter(v -> s.srsOf(v.ref()).stream().anyMatch(sr -> !sr.shared())).count();
    assertEquals(onLocal, stuck.size(), "only VMs with a disk on the lost local SR stay down: " + stuck);
    assertEquals(List.of(), sim.integrityViolations());
  }
}
