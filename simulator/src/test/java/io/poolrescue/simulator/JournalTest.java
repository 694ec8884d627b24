package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vdi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void everyMutatingCallIsJournaledInOrderWithItsOutcome() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = Lookup.small(clock);
    PoolSnapshot s = sim.snapshot();
    String h2 = Lookup.host(s, "host-2").uuid();
    String vm05 = Lookup.vm(s, "vm-05").uuid();
    String master = sim.masterAddress();

    assertThrows(XapiException.class, () -> sim.vmPowerStateReset(vm05));
    sim.snapshot(); // reads are not journaled
    clock.advance(Duration.ofSeconds(5));
    sim.killHost(h2); // faults are not calls
    clock.advance(Duration.ofSeconds(600));
    sim.vmPowerStateReset(vm05);
    String fresh = sim.addFreshHost(new FreshHostSpec("f", "127.0.30.9", 8L << 30, List.of("eth0", "eth1"), "eth0"));
    sim.connect("127.0.30.9").restoreDatabase(sim.dumpDatabase(), true);

    List<JournalEntry> e = sim.journal().entries();
    assertEquals(3, e.size());
    assertEquals(new JournalEntry(1, SimulatedPool.EPOCH, "VM.power_state_reset", master, List.of(vm05),
        XapiErrors.HOST_IS_LIVE), e.get(0));
    assertEquals(new JournalEntry(2, SimulatedPool.EPOCH.plusSeconds(605), "VM.power_state_reset", master,
        List.of(vm05), JournalEntry.OK), e.get(1));
    assertEquals(new JournalEntry(3, SimulatedPool.EPOCH.plusSeconds(605), "PUT /pool/xmldbdump", "127.0.30.9",
        List.of("dry_run=true"), JournalEntry.OK), e.get(2));
    assertEquals(1, sim.journal().successful("VM.power_state_reset").size());
    assertTrue(fresh.length() == 36);
  }

  @Test
  void resetVdisJournalsOneRemovalPerVdiChanged() {
    SimulatedPool sim = SimulatedPool.preset("small");
    PoolSnapshot s = sim.snapshot();
    String h1ref = Lookup.host(s, "host-1").ref();
    List<String> changed = sim.resetVdis(Lookup.host(s, "host-1").uuid(), Lookup.sr(s, "nfs-shared").uuid(), false);
    assertEquals(3, changed.size(), "vm-01..03 have their disks on nfs");
    List<JournalEntry> e = sim.journal().entries();
    assertEquals(changed.stream().map(u -> List.of(u, Vdi.lockKey(h1ref))).toList(),
        e.stream().map(JournalEntry::args).toList());
    assertTrue(e.stream().allMatch(x -> x.call().equals("VDI.remove_from_sm_config")));
  }

  @Test
  void callsAreJournaledWhereTheyRan() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = Lookup.small(clock);
    String nfs = Lookup.sr(sim.snapshot(), "nfs-shared").uuid();
    sim.killMaster();
    assertThrows(io.poolrescue.pool.PoolUnreachableException.class, () -> sim.connect("127.0.10.3").recoverSlaves());
    sim.connect("127.0.10.2").emergencyTransitionToMaster();
    clock.advance(Duration.ofSeconds(10));
    sim.connect("127.0.10.2").recoverSlaves();
    clock.advance(Duration.ofSeconds(10)); // host-3's agent restarts
    sim.connect("127.0.10.3").setDefaultSr(nfs); // host-3 now follows the new master
    List<JournalEntry> e = sim.journal().entries();
    assertEquals(List.of("pool.emergency_transition_to_master", "pool.emergency_reset_master", "pool.recover_slaves",
        "pool.set_default_SR"), e.stream().map(JournalEntry::call).toList(), "a call that reached nothing is not journaled");
    assertEquals(List.of("127.0.10.2", "127.0.10.3", "127.0.10.2", "127.0.10.2"),
        e.stream().map(JournalEntry::via).toList(), "the reset ran on host-3");
    assertTrue(e.stream().allMatch(JournalEntry::succeeded));
  }
}
