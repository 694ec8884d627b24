package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VM power calls in-process: database and physical truth move together; refusals change nothing. */
class VmPowerTest {
  private final ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
  private final SimulatedPool sim = Lookup.small(clock);
  private final PoolSnapshot s = sim.snapshot();
  private final VmPowerClient power = sim.power(sim.masterAddress());

  @Test
  void suspendAndResumeMoveTheDomainAndTheImage() {
    String vm05 = Lookup.vm(s, "vm-05").uuid();
    power.vmSuspend(vm05);
    assertEquals(PowerState.SUSPENDED, Lookup.vm(sim.snapshot(), "vm-05").powerState());
    assertFalse(sim.runningDomains().containsKey(vm05));
    assertEquals(List.of(vm05), sim.suspendImages());
    power.vmHardShutdown(vm05);
    assertEquals(PowerState.HALTED, Lookup.vm(sim.snapshot(), "vm-05").powerState());
    assertEquals(List.of(), sim.suspendImages(), "a hard shutdown of a suspended VM discards its image");
    power.vmStart(vm05, false);
    assertTrue(sim.runningDomains().containsKey(vm05));
    assertTrue(sim.integrityViolations().isEmpty());
  }

  @Test
  void aShutdownOnACutOffHostIsCannotContactHostAndChangesNothing() {
    String h2 = Lookup.host(s, "host-2").uuid();
    String vm05 = Lookup.vm(s, "vm-05").uuid();
    sim.cutNetwork(h2);
    PoolSnapshot before = sim.snapshot();
    XapiException e = assertThrows(XapiException.class, () -> power.vmCleanShutdown(vm05));
    assertEquals("CANNOT_CONTACT_HOST", e.code());
    assertEquals(List.of(Lookup.host(s, "host-2").ref()), e.params());
    assertEquals(before, sim.snapshot());
    assertEquals(h2, sim.runningDomains().get(vm05), "the domain still runs where the network was cut");
    List<JournalEntry> j = sim.journal().entries();
    assertEquals("CANNOT_CONTACT_HOST", j.get(j.size() - 1).outcome());
  }

  @Test
  void vmStartAfterAResetOfACutOffHostRunsItTwiceAndSaysSo() {
    String h2 = Lookup.host(s, "host-2").uuid();
    String vm05 = Lookup.vm(s, "vm-05").uuid();
    sim.cutNetwork(h2);
    clock.advance(Duration.ofSeconds(700));
    sim.vmPowerStateReset(vm05);
    sim.resetVdis(h2, Lookup.sr(s, "nfs-shared").uuid(), false);
    power.vmStart(vm05, false);
    List<String> v = sim.integrityViolations();
    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).contains("still runs on host " + h2), v.get(0));
  }

  @Test
  void aDisabledHostIsSkippedByVmStart() {
    for (String h : List.of("host-1", "host-2")) {
      power.hostDisable(Lookup.host(s, h).uuid());
    }
    String vm12 = Lookup.vm(s, "vm-12").uuid();
    power.vmStart(vm12, false);
    assertEquals(Lookup.host(s, "host-3").uuid(), sim.runningDomains().get(vm12));
    power.hostEnable(Lookup.host(s, "host-1").uuid());
    assertTrue(Lookup.host(sim.snapshot(), "host-1").enabled());
  }
}
