package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.simulator.JournalEntry;
import java.util.List;

/**
 * Hosts are not ready at once after a restart (reference §0, §5, §7, §17): connections are refused
 * while an agent restarts, a member that cannot reach its master at start-up is in emergency mode,
 * and a host that (re)started is disabled until it has plugged its PBDs.
 */
final class ReadinessScenarios {
  private static final String RESET_MASTER = "pool.emergency_reset_master";

  private ReadinessScenarios() {}

  static void refusedWhileRestarting(Fx fx) {
    String a2 = fx.address("host-2");
    fx.sim.killMaster();
    PoolClient before = fx.at(a2);
    fx.at(a2).emergencyTransitionToMaster();
    fx.sim.publishMachines(); // a server closes the address at its next look
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a2).probe());
    assertThrows(PoolUnreachableException.class, () -> fx.at(a2).snapshot(), "connection refused, not an error reply");
    assertThrows(PoolUnreachableException.class, () -> fx.at(a2).emergencyTransitionToMaster(),
        "not even emergency calls get through");
    fx.advance(10);
    assertEquals(new HostProbe.Master(a2), fx.at(a2).probe());
    assertEquals(a2, before.snapshot().master().orElseThrow().address(), "a new connection works");
  }

  static void emergencyMode(Fx fx) {
    String a2 = fx.address("host-2");
    String a3 = fx.address("host-3");
    String h3 = fx.hostUuid("host-3");
    fx.sim.killMaster();
    fx.sim.killHost(h3);
    fx.sim.bringBack(h3); // its agent starts while its master is gone: Pool.hello fails
    assertEquals(new HostProbe.Unavailable(a3, XapiErrors.HOST_STILL_BOOTING), fx.at(a3).probe());

    fx.at(a2).emergencyTransitionToMaster();
    fx.advance(10);
    assertEquals(List.of(h3), fx.at(a2).recoverSlaves(), "a host in emergency mode is reset too");
    fx.advance(10);
    assertEquals(new HostProbe.Slave(a3, a2), fx.at(a3).probe());
    assertTrue(fx.at(a2).snapshot().hostByUuid(h3).orElseThrow().live());

    // an emergency call, the promotion itself, works in emergency mode
    String h2 = fx.hostUuid("host-2");
    fx.sim.killHost(h2);
    fx.sim.killHost(h3);
    fx.sim.bringBack(h3);
    assertEquals(new HostProbe.Unavailable(a3, XapiErrors.HOST_STILL_BOOTING), fx.at(a3).probe());
    fx.at(a3).emergencyTransitionToMaster();
    fx.advance(10);
    assertEquals(new HostProbe.Master(a3), fx.at(a3).probe());
    assertTrue(fx.at(a3).snapshot().hostByUuid(h2).isPresent());
  }

  static void emergencyModeEnds(Fx fx) {
    String a1 = fx.address("host-1");
    String a3 = fx.address("host-3");
    String h1 = fx.hostUuid("host-1");
    String h3 = fx.hostUuid("host-3");
    fx.sim.killMaster();
    fx.sim.killHost(h3);
    fx.sim.bringBack(h3);
    assertEquals(new HostProbe.Unavailable(a3, XapiErrors.HOST_STILL_BOOTING), fx.at(a3).probe());
    fx.sim.bringBack(h1);
    assertEquals(new HostProbe.Master(a1), fx.at(a1).probe());
    assertEquals(new HostProbe.Slave(a3, a1), fx.at(a3).probe(), "it says hello again once its master answers");
  }

  /** One emergency_reset_master per database host but the master, in database order; errors swallowed. */
  static void recoverSlavesSerially(Fx fx) {
    String a1 = fx.address("host-1");
    String a2 = fx.address("host-2");
    String a3 = fx.address("host-3");
    String h1 = fx.hostUuid("host-1");
    String h3 = fx.hostUuid("host-3");
    fx.sim.cutNetwork(h1);
    fx.at(a2).emergencyTransitionToMaster();
    fx.advance(10);
    fx.sim.bringBack(h1); // the old master finds the new one, demotes itself and restarts
    fx.sim.publishMachines();
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a1).probe());
    fx.advance(10);
    assertEquals(new HostProbe.Slave(a1, a2), fx.at(a1).probe());

    int before = fx.sim.journal().size();
    List<String> reset = fx.at(a2).recoverSlaves();
    List<JournalEntry> calls = fx.sim.journal().since(before).stream()
        .filter(e -> e.call().equals(RESET_MASTER)).toList();
    List<String> dbOrder = fx.at(a2).snapshot().hosts().stream().map(Host::uuid).filter(u -> reset.contains(u)).toList();
    assertEquals(dbOrder, reset, "database order");
    assertEquals(List.of(h1, h3).stream().sorted().toList(), reset.stream().sorted().toList(),
        "host-1 already follows: a no-op that counts; host-3 is re-pointed");
    assertEquals(2, calls.size());
    assertTrue(calls.stream().allMatch(e -> e.args().equals(List.of(a2)) && e.succeeded()));
    fx.sim.publishMachines();
    assertEquals(new HostProbe.Slave(a1, a2), fx.at(a1).probe(), "no restart where nothing changed");
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a3).probe(), "host-3 restarts");
    fx.advance(10);
    assertEquals(new HostProbe.Slave(a3, a2), fx.at(a3).probe());
  }

  /** check_no_other_masters: the promoted host finds the old master answering and stays its member. */
  static void promotionBesideALiveMaster(Fx fx) {
    String a1 = fx.address("host-1");
    String a2 = fx.address("host-2");
    fx.at(a2).emergencyTransitionToMaster();
    fx.advance(10);
    fx.sim.publishMachines();
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a2).probe(), "it demotes itself: one more restart");
    fx.advance(10);
    assertEquals(new HostProbe.Slave(a2, a1), fx.at(a2).probe());
    assertEquals(a1, fx.sim.masterAddress());
    assertTrue(fx.host("host-2").live());
  }

  static void disabledUntilPlugged(Fx fx) {
    String a2 = fx.address("host-2");
    String h3 = fx.hostUuid("host-3");
    long restart = 10 + PoolClientContract.STARTUP_S;
    fx.sim.killMaster();
    fx.at(a2).emergencyTransitionToMaster();
    fx.advance(restart - 1);
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a2).probe(), "fuse and start-up");
    fx.advance(1);
    assertFalse(fx.host("host-2").enabled(), "the new master plugs its PBDs first");
    fx.client().recoverSlaves();
    fx.advance(restart);
    Host h = fx.host("host-3");
    assertTrue(h.live());
    assertFalse(h.enabled(), "Pool.hello disabled it");
    long pbds = fx.snap().pbds().stream().filter(p -> p.hostRef().equals(h.ref())).count();
    fx.advance(pbds * PoolClientContract.PLUG_S - 1);
    assertFalse(fx.host("host-3").enabled());
    fx.advance(1);
    assertTrue(fx.host("host-3").enabled(), "every PBD plugged: it enables itself");
    assertTrue(fx.host("host-2").enabled());
    fx.client().vmStartOn(fx.vmUuid("vm-12"), h3);
    assertEquals(PowerState.RUNNING, fx.vm("vm-12").powerState());
  }

  /** plug_all_pbds with the backup's device_config: what answers there is plugged, the rest stays. */
  static void restoredMasterPlugs(Fx fx) {
    byte[] dump = fx.client().dumpDatabase();
    String f1addr = fx.freshAddress("fresh-1");
    String f1 = fx.freshUuid("fresh-1");
    fx.sim.loseAllHosts();
    PoolClient c1 = fx.at(f1addr);
    c1.restoreDatabase(dump, false);
    fx.advance(30 + 60 + PoolClientContract.STARTUP_S);
    PoolSnapshot s = c1.snapshot();
    Host self = s.hostByUuid(f1).orElseThrow();
    assertFalse(self.enabled());
    assertTrue(s.pbds().stream().noneMatch(Pbd::currentlyAttached), "not plugged yet");
    fx.advance(2 * PoolClientContract.PLUG_S);
    PoolSnapshot plugged = c1.snapshot();
    String nfsRef = plugged.srs().stream().filter(sr -> sr.nameLabel().equals("nfs-shared")).findFirst()
        .orElseThrow().ref();
    String localRef = plugged.srs().stream().filter(sr -> sr.nameLabel().equals("local-host-1")).findFirst()
        .orElseThrow().ref();
    assertTrue(plugged.srPluggedOn(nfsRef, self.ref()), "the filer answers at the backup's device_config");
    assertFalse(plugged.srPluggedOn(localRef, self.ref()), "the old master's local disk is not in this machine");
    assertTrue(plugged.hostByUuid(f1).orElseThrow().enabled());
    String vm01 = plugged.vms().stream().filter(v -> v.nameLabel().equals("vm-01")).findFirst().orElseThrow().uuid();
    c1.vmStartOn(vm01, f1);
    assertEquals(PowerState.RUNNING, c1.snapshot().vmByUuid(vm01).orElseThrow().powerState());
  }
}
