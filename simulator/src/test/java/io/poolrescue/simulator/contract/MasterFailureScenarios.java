package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.DefaultSrCheck;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.simulator.JournalEntry;
import java.util.List;

/** The master is lost (reference §5, §16): HOST_IS_SLAVE, emergency transition, recover_slaves. */
final class MasterFailureScenarios {
  private MasterFailureScenarios() {}

  static void promotion(Fx fx) {
    String a1 = fx.address("host-1");
    String a2 = fx.address("host-2");
    String a3 = fx.address("host-3");
    String h1 = fx.hostUuid("host-1");
    String h2 = fx.hostUuid("host-2");
    String h3 = fx.hostUuid("host-3");
    String vm05 = fx.vmUuid("vm-05");
    fx.sim.killMaster();

    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a1).probe());
    assertEquals(new HostProbe.Slave(a2, a1), fx.at(a2).probe(), "a member's login says HOST_IS_SLAVE [old master]");
    assertThrows(PoolUnreachableException.class, () -> fx.at(a2).snapshot(), "and the old master does not answer");
    assertEquals(h2, fx.sim.runningDomains().get(vm05), "members keep running their VMs");

    fx.at(a2).emergencyTransitionToMaster();
    fx.sim.publishMachines(); // a server closes the address at its next look
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a2).probe(), "the agent restarts: connection refused");
    fx.advance(9);
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a2).probe());
    fx.advance(1);
    assertEquals(new HostProbe.Master(a2), fx.at(a2).probe(), "the agent restarted as master");
    assertEquals(a2, fx.sim.masterAddress());

    PoolSnapshot s = fx.at(a2).snapshot();
    assertEquals(h2, s.master().orElseThrow().uuid());
    assertTrue(s.hostByUuid(h1).orElseThrow().live(), "the old master stays an ordinary, still-live host record");
    assertEquals(new HostProbe.Slave(a3, a1), fx.at(a3).probe(), "host-3 still follows the old master");

    assertEquals(List.of(h3), fx.at(a2).recoverSlaves(), "only reachable members are re-pointed");
    fx.sim.publishMachines();
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a3).probe(), "host-3 restarts its agent");
    fx.advance(10);
    assertEquals(new HostProbe.Slave(a3, a2), fx.at(a3).probe());
    assertEquals(PowerState.RUNNING, fx.at(a3).snapshot().vmByUuid(vm05).orElseThrow().powerState());

    fx.advance(589);
    assertTrue(fx.at(a2).snapshot().hostByUuid(h1).orElseThrow().live(), "the timer started at the promotion");
    fx.advance(1);
    PoolSnapshot later = fx.at(a2).snapshot();
    assertFalse(later.hostByUuid(h1).orElseThrow().live(), "600 s after the promotion the old master is dead");
    assertTrue(later.hostByUuid(h3).orElseThrow().live(), "host-3 heartbeats to the new master");
  }

  /** On the master itself the call restarts the agent anyway; it comes back master of the same pool. */
  static void transitionOnMaster(Fx fx) {
    String a1 = fx.address("host-1");
    String poolUuid = fx.snap().pool().uuid();
    int before = fx.sim.journal().size();
    fx.at(a1).emergencyTransitionToMaster();
    fx.sim.publishMachines();
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a1).probe(), "its agent restarts");
    fx.advance(10);
    assertEquals(new HostProbe.Master(a1), fx.at(a1).probe());
    assertEquals(poolUuid, fx.at(a1).snapshot().pool().uuid());
    JournalEntry last = fx.sim.journal().entries().get(before);
    assertEquals("pool.emergency_transition_to_master", last.call());
    assertTrue(last.succeeded());
  }

  static void staleReplica(Fx fx) {
    String nfsRef = fx.srRef("nfs-shared");
    String a2 = fx.address("host-2");
    fx.advance(60);
    fx.client().setDefaultSr(fx.srUuid("local-host-1"));
    assertEquals(fx.srRef("local-host-1"), fx.snap().pool().defaultSrRef());
    fx.sim.killMaster();
    fx.at(a2).emergencyTransitionToMaster();
    fx.advance(10);
    assertEquals(nfsRef, fx.at(a2).snapshot().pool().defaultSrRef(),
        "the change made after the last replica push is lost");
  }

  static void syncedReplica(Fx fx) {
    String localRef = fx.srRef("local-host-1");
    String a2 = fx.address("host-2");
    fx.advance(60);
    fx.client().setDefaultSr(fx.srUuid("local-host-1"));
    fx.client().syncDatabase();
    fx.sim.killMaster();
    fx.at(a2).emergencyTransitionToMaster();
    fx.advance(10);
    assertEquals(localRef, fx.at(a2).snapshot().pool().defaultSrRef(), "sync_database pushed the change");
    assertFalse(DefaultSrCheck.evaluate(fx.at(a2).snapshot()).valid(), "and it now points at the dead master's disk");
  }

  static void oldMasterForgotten(Fx fx) {
    String a2 = fx.address("host-2");
    String h1 = fx.hostUuid("host-1");
    fx.sim.killMaster();
    fx.at(a2).emergencyTransitionToMaster();
    fx.advance(10);
    PoolClient c = fx.at(a2);
    c.recoverSlaves();
    fx.advance(10); // host-3 restarts its agent before it takes VMs
    for (var vm : fx.residents("host-1")) {
      c.vmPowerStateReset(vm.uuid()); // the old master does not answer: is_host_alive says dead
    }
    c.resetVdis(h1, fx.srUuid("nfs-shared"), true);
    c.resetVdis(h1, fx.srUuid("local-host-1"), true);
    c.hostDestroy(h1);
    c.vmStartOn(fx.vmUuid("vm-01"), fx.hostUuid("host-3"));
    PoolSnapshot s = c.snapshot();
    assertEquals(2, s.hosts().size());
    assertEquals(PowerState.RUNNING, s.vmByUuid(fx.vmUuid("vm-01")).orElseThrow().powerState());
    assertEquals(new DefaultSrCheck.Valid(fx.srUuid("nfs-shared")), DefaultSrCheck.evaluate(s));
  }
}
