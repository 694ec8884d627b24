package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A member host fails (reference §16): reset, release locks, forget, start — and the wrong orders. */
final class MemberFailureScenarios {
  private MemberFailureScenarios() {}

  static void workingOrder(Fx fx) {
    PoolClient c = fx.client();
    String h2 = fx.hostUuid("host-2");
    String h2ref = fx.hostRef("host-2");
    String nfs = fx.srUuid("nfs-shared");
    String local2 = fx.srUuid("local-host-2");
    int journalStart = fx.sim.journal().size();

    fx.killAndWaitDead("host-2");
    assertFalse(fx.host("host-2").live());
    List<String> resident = fx.residents("host-2").stream().map(Vm::nameLabel).sorted().toList();
    assertEquals(List.of("vm-05", "vm-06", "vm-07", "vm-08"), resident);

    for (String name : resident) {
      c.vmPowerStateReset(fx.vmUuid(name));
    }
    PoolSnapshot afterReset = fx.snap();
    for (String name : resident) {
      Vm vm = afterReset.vmByUuid(fx.vmUuid(name)).orElseThrow();
      assertEquals(PowerState.HALTED, vm.powerState());
      assertNull(vm.residentOn());
      assertTrue(afterReset.vbdsOf(vm.ref()).stream().noneMatch(Vbd::currentlyAttached));
      // a reset leaves the SM locks: that is what resetvdis is for
      assertTrue(afterReset.disksOf(vm.ref()).stream().allMatch(d -> d.lockedBy(h2ref)), name + " keeps its lock");
    }

    Set<String> lockedOnNfs = lockedBy(afterReset, afterReset.srByUuid(nfs).orElseThrow().ref(), h2ref);
    assertEquals(4, lockedOnNfs.size());
    assertEquals(lockedOnNfs, new HashSet<>(c.resetVdis(h2, nfs, false)));
    assertEquals(List.of(fx.disks("vm-08").get(0).uuid()), c.resetVdis(h2, local2, true));
    assertEquals(List.of(), c.resetVdis(h2, nfs, false), "resetvdis is idempotent");

    c.hostDestroy(h2);
    PoolSnapshot forgotten = fx.snap();
    assertTrue(forgotten.hostByUuid(h2).isEmpty());
    assertTrue(forgotten.pbds().stream().noneMatch(p -> p.hostRef().equals(h2ref)), "its PBDs went");
    assertTrue(forgotten.pifs().stream().noneMatch(p -> p.hostRef().equals(h2ref)), "its PIFs went");
    String local2Ref = forgotten.srByUuid(local2).orElseThrow().ref();
    assertTrue(forgotten.pbdsOfSr(local2Ref).isEmpty(), "its local SR stays, without PBD");
    assertEquals(1, forgotten.vdisOf(local2Ref).size(), "with its VDI");

    c.vmStartOn(fx.vmUuid("vm-05"), fx.hostUuid("host-3"));
    c.vmStartOn(fx.vmUuid("vm-06"), fx.hostUuid("host-1"));
    c.vmStartOn(fx.vmUuid("vm-07"), fx.hostUuid("host-3"));
    PoolSnapshot started = fx.snap();
    Vm vm05 = started.vmByUuid(fx.vmUuid("vm-05")).orElseThrow();
    assertEquals(PowerState.RUNNING, vm05.powerState());
    assertEquals(fx.hostRef("host-3"), vm05.residentOn());
    assertEquals(Map.of(Vdi.lockKey(fx.hostRef("host-3")), "RW"), started.disksOf(vm05.ref()).get(0).smConfig());
    assertEquals(fx.hostUuid("host-3"), fx.sim.runningDomains().get(vm05.uuid()));
    fx.assertRefused(XapiErrors.VM_REQUIRES_SR, List.of(fx.vmRef("vm-08"), fx.srRef("local-host-2")),
        () -> c.vmStartOn(fx.vmUuid("vm-08"), fx.hostUuid("host-3")));

    List<String> calls = fx.sim.journal().since(journalStart).stream()
        .filter(JournalEntry::succeeded).map(JournalEntry::call).toList();
    assertEquals(List.of("VM.power_state_reset", "VM.power_state_reset", "VM.power_state_reset",
        "VM.power_state_reset", "VDI.remove_from_sm_config", "VDI.remove_from_sm_config",
        "VDI.remove_from_sm_config", "VDI.remove_from_sm_config", "VDI.remove_from_sm_config", "host.destroy",
        "VM.start_on", "VM.start_on", "VM.start_on"), calls);
  }

  static Set<String> lockedBy(PoolSnapshot s, String srRef, String hostRef) {
    Set<String> out = new HashSet<>();
    for (Vdi d : s.vdisOf(srRef)) {
      if (d.lockedBy(hostRef)) {
        out.add(d.uuid());
      }
    }
    return out;
  }

  static void forgetClearsLocksAutomatically(Fx fx) {
    fx.killAndWaitDead("host-2");
    fx.resetResidents("host-2");
    fx.client().hostDestroy(fx.hostUuid("host-2"));
    fx.client().vmStartOn(fx.vmUuid("vm-05"), fx.hostUuid("host-3"));
    assertEquals(Map.of(Vdi.lockKey(fx.hostRef("host-3")), "RW"), fx.disks("vm-05").get(0).smConfig(),
        "SM cleared the destroyed host's key on attach");
  }

  static void unreachableHostIsDeadForIsHostAlive(Fx fx) {
    String h2ref = fx.hostRef("host-2");
    fx.sim.cutNetwork(fx.hostUuid("host-2"));
    fx.advance(10);
    assertTrue(fx.host("host-2").live(), "the master has not noticed yet");
    fx.client().vmPowerStateReset(fx.vmUuid("vm-05"));
    assertEquals(PowerState.HALTED, fx.vm("vm-05").powerState());
    Vdi disk = fx.disks("vm-05").get(0);
    fx.assertRefused(XapiErrors.SR_BACKEND_FAILURE_46, List.of("", "The VDI is not available [opterr=VDI "
            + disk.uuid() + " not detached cleanly: host " + h2ref + " is CANNOT_CONTACT_HOST]", ""),
        () -> fx.client().vmStartOn(fx.vmUuid("vm-05"), fx.hostUuid("host-3")));
  }

  /**
   * Reference §17: a member whose agent answers HOST_BROKEN fails pool.is_slave, so is_host_alive
   * calls it dead and reset and forget succeed while its domains run; starting the VM elsewhere
   * then runs it twice, which only the physical truth shows.
   */
  static void brokenMemberIsDeadForIsHostAlive(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    String vm05 = fx.vmUuid("vm-05");
    fx.sim.damageConfig(h2);
    assertTrue(fx.host("host-2").live(), "the database still calls it live");
    fx.client().vmPowerStateReset(vm05);
    assertEquals(PowerState.HALTED, fx.vm("vm-05").powerState());
    assertEquals(h2, fx.sim.runningDomains().get(vm05), "its domain still runs on the broken host");
    harmOnceStartedElsewhere(fx, "host-2", "vm-05");
  }

  /** The same hole for a member that reboots (it refuses connections meanwhile). */
  static void restartingMemberIsDeadForIsHostAlive(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    fx.sim.rebootIntoInstallerRestore(h2);
    fx.resetResidents("host-2");
    assertTrue(fx.host("host-2").live(), "the database still calls it live");
    fx.client().resetVdis(h2, fx.srUuid("nfs-shared"), false);
    fx.client().resetVdis(h2, fx.srUuid("local-host-2"), true);
    fx.client().hostDestroy(h2);
    assertTrue(fx.snap().hosts().stream().noneMatch(h -> h.uuid().equals(h2)), "forgotten while it reboots");
  }

  /** A member cut from the network: reset, clear the locks, forget, start elsewhere; both copies run. */
  static void cutMemberForgottenWhileItsDomainsRun(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    fx.sim.cutNetwork(h2);
    fx.resetResidents("host-2");
    assertEquals(h2, fx.sim.runningDomains().get(fx.vmUuid("vm-05")));
    harmOnceStartedElsewhere(fx, "host-2", "vm-05");
    fx.client().hostDestroy(h2);
    assertTrue(fx.snap().hosts().stream().noneMatch(h -> h.uuid().equals(h2)));
  }

  private static void harmOnceStartedElsewhere(Fx fx, String hostName, String vmName) {
    String h = fx.hostUuid(hostName);
    fx.client().resetVdis(h, fx.srUuid("nfs-shared"), false);
    assertTrue(fx.sim.integrityViolations().isEmpty(), "nothing runs twice yet");
    fx.client().vmStartOn(fx.vmUuid(vmName), fx.hostUuid("host-3"));
    assertEquals(PowerState.RUNNING, fx.vm(vmName).powerState());
    assertTrue(fx.sim.integrityViolations().stream().anyMatch(v -> v.contains(fx.vmUuid(vmName))),
        "the simulator shows the harm: " + fx.sim.integrityViolations());
  }

  static void wrongOrdersThenRightOrder(Fx fx) {
    PoolClient c = fx.client();
    String h2 = fx.hostUuid("host-2");
    String h2ref = fx.hostRef("host-2");
    String vm05 = fx.vmUuid("vm-05");
    String h3 = fx.hostUuid("host-3");
    fx.assertRefused(XapiErrors.HOST_IS_LIVE, List.of(h2ref), () -> c.vmPowerStateReset(vm05));
    fx.assertRefused(XapiErrors.HOST_IS_LIVE, List.of(h2ref), () -> c.hostDestroy(h2));
    fx.killAndWaitDead("host-2");
    fx.assertRefused(XapiErrors.HOST_HAS_RESIDENT_VMS, List.of(h2ref), () -> c.hostDestroy(h2));
    fx.resetResidents("host-2");
    fx.assertRefused(XapiErrors.SR_BACKEND_FAILURE_46, List.of("", "The VDI is not available [opterr=VDI "
            + fx.disks("vm-05").get(0).uuid() + " not detached cleanly: host " + h2ref + " is HOST_OFFLINE]", ""),
        () -> c.vmStartOn(vm05, h3));
    c.resetVdis(h2, fx.srUuid("nfs-shared"), false);
    c.resetVdis(h2, fx.srUuid("local-host-2"), true);
    c.hostDestroy(h2);
    c.vmStartOn(vm05, h3);
    assertEquals(PowerState.RUNNING, fx.vm("vm-05").powerState());
  }
}
