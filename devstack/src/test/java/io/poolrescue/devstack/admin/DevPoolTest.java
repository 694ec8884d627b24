package io.poolrescue.devstack.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.client.admin.Fault;
import io.poolrescue.client.admin.PoolSummary;
import io.poolrescue.simulator.BmcFault;
import io.poolrescue.simulator.SimulatedPool;
import org.junit.jupiter.api.Test;

class DevPoolTest {

  @Test
  void freshPresetIsHealthyAndSummarisesHostsAndVms() {
    DevPool pool = new DevPool(SimulatedPool.preset("small"));
    PoolSummary s = pool.summary();
    assertTrue(s.masterAnswers());
    assertTrue(s.healthy(), s.toString());
    assertEquals(3, s.hosts().size());
    assertEquals(12, s.vms().size());
    PoolSummary.HostLine h1 = s.hosts().stream().filter(h -> h.name().equals("host-1")).findFirst().orElseThrow();
    assertEquals("master", h1.role());
    assertEquals("up", h1.machine());
    PoolSummary.VmLine vm5 = s.vms().stream().filter(v -> v.name().equals("vm-05")).findFirst().orElseThrow();
    assertEquals("host-2", vm5.residentOn());
    assertEquals("host-2", vm5.runningOn());
  }

  @Test
  void failHostByNameShowsTheMachineDownAndThePoolUnhealthy() {
    DevPool pool = new DevPool(SimulatedPool.preset("small"));
    String done = pool.inject(new Fault.FailHost("host-2"));
    assertTrue(done.startsWith("power lost on host-2 (127.0.10.2"), done);
    PoolSummary s = pool.summary();
    PoolSummary.HostLine h2 = s.hosts().stream().filter(h -> h.name().equals("host-2")).findFirst().orElseThrow();
    assertTrue(h2.machine().startsWith("down"), h2.toString());
    PoolSummary.VmLine vm5 = s.vms().stream().filter(v -> v.name().equals("vm-05")).findFirst().orElseThrow();
    assertEquals("Running", vm5.powerState(), "the database still says Running: nothing reset it");
    assertNull(vm5.runningOn(), "but its domain died with the host");
    assertFalse(s.healthy());
  }

  @Test
  void aBmcFaultIsSetByItsNameAndAnUnknownOneIsRefused() {
    SimulatedPool sim = SimulatedPool.preset("small");
    DevPool pool = new DevPool(sim);
    String done = pool.inject(new Fault.BmcMisbehaves("host-3", "ignores-power-off"));
    assertTrue(done.startsWith("BMC ignores-power-off on host-3 (127.0.10.3"), done);
    String h3 = pool.host("host-3").uuid();
    assertEquals(BmcFault.IGNORES_POWER_OFF, sim.bmcs().stream().filter(b -> b.hostUuid().equals(h3)).findFirst()
        .orElseThrow().fault());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pool.inject(new Fault.BmcMisbehaves("host-3", "melts")));
    assertTrue(e.getMessage().startsWith("unknown BMC fault 'melts': none, unreachable"), e.getMessage());
    pool.inject(new Fault.BmcMisbehaves("host-3", "none"));
    assertEquals(BmcFault.NONE, sim.bmcs().stream().filter(b -> b.hostUuid().equals(h3)).findFirst()
        .orElseThrow().fault());
  }

  @Test
  void hostsAreFoundByUuidNameOrAddress() {
    DevPool pool = new DevPool(SimulatedPool.preset("small"));
    String uuid = pool.host("host-3").uuid();
    assertEquals("host-3", pool.host(uuid).nameLabel());
    assertEquals("host-3", pool.host("127.0.10.3").nameLabel());
  }

  @Test
  void unknownHostOrSrIsAClearErrorAndChangesNothing() {
    DevPool pool = new DevPool(SimulatedPool.preset("small"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.inject(new Fault.FailHost("host-9")));
    assertTrue(e.getMessage().contains("no host 'host-9'") && e.getMessage().contains("host-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> pool.inject(new Fault.LoseStorage("host-2", "nope")));
    assertTrue(e.getMessage().contains("no SR 'nope'"), e.getMessage());
    assertTrue(pool.summary().healthy());
    assertEquals(0, pool.journal().size());
  }

  @Test
  void failMasterLeavesNoAnsweringMasterButHostsStayNamed() {
    DevPool pool = new DevPool(SimulatedPool.preset("small"));
    String done = pool.inject(new Fault.FailMaster());
    assertTrue(done.contains("master host-1"), done);
    PoolSummary s = pool.summary();
    assertFalse(s.masterAnswers());
    assertFalse(s.healthy());
    assertEquals(3, s.hosts().size());
    assertTrue(s.hosts().stream().anyMatch(h -> h.name().equals("host-1") && h.machine().startsWith("down")));
  }
}
