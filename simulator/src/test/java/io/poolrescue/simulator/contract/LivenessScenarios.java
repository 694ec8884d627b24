package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.simulator.SimulatedPool;
import java.util.List;

/** Heartbeats, the 600 s timeout, clean shutdown, and hosts coming back (reference §1). */
final class LivenessScenarios {
  private LivenessScenarios() {}

  static void deadAfter600s(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    fx.sim.killHost(h2);
    fx.advance(599);
    assertTrue(fx.host("host-2").live(), "not dead at 599 s");
    assertEquals(SimulatedPool.EPOCH, fx.host("host-2").lastHeartbeat());
    fx.advance(1);
    assertFalse(fx.host("host-2").live(), "dead at 600 s, on the GC pass");
    assertTrue(fx.host("host-3").live());
    assertEquals(SimulatedPool.EPOCH.plusSeconds(600), fx.host("host-3").lastHeartbeat(), "members heartbeat every 30 s");
    assertTrue(fx.host("host-1").live(), "the master is always live in its own database");

    // a host that stops between two heartbeats is judged from its last heartbeat
    fx.advance(15);
    fx.sim.killHost(fx.hostUuid("host-3"));
    fx.advance(584);
    assertTrue(fx.host("host-3").live());
    fx.advance(1);
    assertFalse(fx.host("host-3").live());
  }

  static void cleanShutdown(Fx fx) {
    String h3 = fx.hostUuid("host-3");
    fx.sim.shutdownHost(h3);
    assertFalse(fx.host("host-3").live(), "a clean shutdown is dead at once");
    assertTrue(fx.residents("host-3").isEmpty(), "its VMs were shut down");
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(fx.address("host-3")).probe());
    fx.advance(90);
    assertFalse(fx.host("host-3").live(), "and stays dead");
    fx.sim.bringBack(h3);
    assertTrue(fx.host("host-3").live(), "Pool.hello makes it live again");
    assertEquals(new HostProbe.Slave(fx.address("host-3"), fx.address("host-1")), fx.at(fx.address("host-3")).probe());
  }

  static void returningHost(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    String h2ref = fx.hostRef("host-2");
    fx.sim.killHost(h2);
    fx.advance(700);
    assertFalse(fx.host("host-2").live());
    assertEquals(PowerState.RUNNING, fx.vm("vm-05").powerState(), "VMs on a dead host stay Running in the DB");
    fx.sim.bringBack(h2);
    assertTrue(fx.host("host-2").live());
    for (String vm : List.of("vm-05", "vm-06", "vm-07", "vm-08")) {
      assertEquals(PowerState.HALTED, fx.vm(vm).powerState(), vm + " resynced: its domain died with the power");
    }
    assertTrue(fx.snap().vdis().stream().noneMatch((Vdi d) -> d.lockedBy(h2ref)), "its own stale locks are gone");
    fx.advance(900);
    assertTrue(fx.host("host-2").live(), "heartbeats resumed");
    fx.client().vmStartOn(fx.vmUuid("vm-05"), h2);
    assertEquals(PowerState.RUNNING, fx.vm("vm-05").powerState());
  }

  static void forgottenHostReturns(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    String a2 = fx.address("host-2");
    fx.forgetDeadHost("host-2");
    fx.sim.bringBack(h2);
    assertEquals(new HostProbe.Unavailable(a2, XapiErrors.HOST_UNKNOWN_TO_MASTER), fx.at(a2).probe());
    assertEquals(2, fx.snap().hosts().size());
  }
}
