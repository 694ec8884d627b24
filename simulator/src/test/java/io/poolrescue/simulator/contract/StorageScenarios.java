package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.DefaultSrCheck;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.simulator.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** resetvdis, the PBD calls, the default SR and the HA switch. */
final class StorageScenarios {
  private StorageScenarios() {}

  static void resetVdis(Fx fx) {
    String h3 = fx.hostUuid("host-3");
    String h3ref = fx.hostRef("host-3");
    String nfs = fx.srUuid("nfs-shared");
    Set<String> locked = Set.of(fx.disks("vm-09").get(0).uuid(), fx.disks("vm-10").get(0).uuid(),
        fx.disks("vm-11").get(0).uuid());
    fx.killAndWaitDead("host-3");
    int before = fx.sim.journal().size();
    List<String> changed = fx.client().resetVdis(h3, nfs, false);
    assertEquals(locked, Set.copyOf(changed));
    assertEquals(3, changed.size());
    List<JournalEntry> calls = fx.sim.journal().since(before);
    assertEquals(changed.stream().map(u -> List.of(u, Vdi.lockKey(h3ref))).collect(Collectors.toSet()),
        calls.stream().map(JournalEntry::args).collect(Collectors.toSet()), "one remove_from_sm_config per VDI changed");
    assertEquals(3, calls.size());
    assertTrue(calls.stream().allMatch(e -> e.call().equals("VDI.remove_from_sm_config") && e.succeeded()));
    assertTrue(fx.snap().vdis().stream().noneMatch(d -> d.lockedBy(h3ref)));
    int after = fx.sim.journal().size();
    assertEquals(List.of(), fx.client().resetVdis(h3, nfs, false));
    assertEquals(after, fx.sim.journal().size(), "nothing left to remove, nothing sent");

    // the SR master also clears "paused": plant it through a restored dump, then release it
    String vdi = fx.disks("vm-12").get(0).uuid();
    String dump = new String(fx.client().dumpDatabase(), StandardCharsets.UTF_8);
    int at = dump.indexOf("uuid=\"" + vdi + "\"");
    int sm = dump.indexOf("sm_config=\"(", at) + "sm_config=\"(".length();
    byte[] planted = (dump.substring(0, sm) + "('paused' 'true')" + dump.substring(sm)).getBytes(StandardCharsets.UTF_8);
    PoolClient f1 = fx.at(fx.freshAddress("fresh-1"));
    f1.restoreDatabase(planted, false);
    fx.advance(30 + 60); // the fuse, then the reboot
    assertEquals("true", fx.at(fx.freshAddress("fresh-1")).snapshot().vdiByUuid(vdi).orElseThrow().smConfig().get("paused"));
    assertEquals(List.of(), f1.resetVdis(fx.freshUuid("fresh-1"), nfs, false), "without the flag paused stays");
    assertEquals(List.of(vdi), f1.resetVdis(fx.freshUuid("fresh-1"), nfs, true));
    assertFalse(f1.snapshot().vdiByUuid(vdi).orElseThrow().smConfig().containsKey(Vdi.PAUSED_KEY));
  }

  /**
   * The master died while its SM had a disk paused: resetvdis without the master flag leaves
   * {@code paused} and the start fails; with the flag it is removed and the start works.
   */
  static void pausedNeedsTheMasterFlag(Fx fx) {
    Vdi disk = fx.disks("vm-01").get(0);
    Set<String> oldMastersDisks = Set.of(disk.uuid(), fx.disks("vm-02").get(0).uuid(), fx.disks("vm-03").get(0).uuid());
    String vm01 = fx.vmUuid("vm-01");
    String h1 = fx.hostUuid("host-1");
    String h3 = fx.hostUuid("host-3");
    String nfs = fx.srUuid("nfs-shared");
    PoolClient m = fx.loseMasterWithVm01Paused();
    assertEquals(oldMastersDisks, Set.copyOf(m.resetVdis(h1, nfs, false)), "the old master's locks go");
    assertEquals("true", m.snapshot().vdiByUuid(disk.uuid()).orElseThrow().smConfig().get(Vdi.PAUSED_KEY));
    XapiException e = assertThrows(XapiException.class, () -> m.vmStartOn(vm01, h3));
    assertEquals(XapiErrors.SR_BACKEND_FAILURE_46, e.code());
    assertEquals(List.of(disk.uuid()), m.resetVdis(h1, nfs, true), "the master flag removes paused");
    m.vmStartOn(vm01, h3);
    assertEquals(h3, fx.sim.runningDomains().get(vm01));
    assertTrue(fx.sim.integrityViolations().isEmpty(), "the old master's domain died with it");
  }

  /** With no SR named, enable_ha takes the first shared SR plugged everywhere; other SRs stay free to unplug. */
  static void haChoosesTheStatefile(Fx fx) {
    fx.client().enableHa(List.of(), Map.of());
    assertTrue(fx.snap().pool().haEnabled());
    fx.client().pbdUnplug(fx.pbd("heartbeat", "pair-2").uuid()); // no statefile, no protected VM on it
    assertFalse(fx.pbd("heartbeat", "pair-2").currentlyAttached());
    XapiException e = assertThrows(XapiException.class, () -> fx.client().pbdUnplug(fx.pbd("vm-store", "pair-2").uuid()));
    assertEquals(XapiErrors.HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED, e.code());
    fx.client().disableHa();
    fx.client().pbdUnplug(fx.pbd("vm-store", "pair-2").uuid());
    assertFalse(fx.pbd("vm-store", "pair-2").currentlyAttached());
  }

  static void pbdCycle(Fx fx) {
    PoolClient f1 = fx.at(fx.freshAddress("fresh-1"));
    String host = fx.freshUuid("fresh-1");
    PoolSnapshot s = f1.snapshot();
    Sr local = s.srs().get(0);
    Pbd pbd = s.pbdsOfSr(local.ref()).get(0);
    assertTrue(pbd.currentlyAttached());
    f1.pbdPlug(pbd.uuid()); // already attached: a no-op
    f1.pbdUnplug(pbd.uuid());
    assertFalse(f1.snapshot().pbdByUuid(pbd.uuid()).orElseThrow().currentlyAttached());
    f1.pbdUnplug(pbd.uuid()); // already detached: a no-op
    f1.pbdPlug(pbd.uuid());
    f1.pbdUnplug(pbd.uuid());
    f1.pbdDestroy(pbd.uuid());
    assertTrue(f1.snapshot().pbdsOfSr(local.ref()).isEmpty());

    String wrong = f1.pbdCreate(host, local.uuid(), Map.of("device", "/dev/sdz"));
    assertFalse(f1.snapshot().pbdByUuid(wrong).orElseThrow().currentlyAttached(), "created unplugged");
    fx.assertRefused(XapiErrors.SR_BACKEND_FAILURE_47, List.of("", "The SR is not available [opterr=no storage "
        + "answers at {device=/dev/sdz}]", ""), () -> f1.pbdPlug(wrong));
    f1.pbdDestroy(wrong);
    String right = f1.pbdCreate(host, local.uuid(), pbd.deviceConfig());
    assertNotEquals(pbd.uuid(), right);
    f1.pbdPlug(right);
    assertTrue(f1.snapshot().srPluggedOn(local.ref(), f1.snapshot().hostByUuid(host).orElseThrow().ref()));
  }

  static void defaultSr(Fx fx) {
    String nfs = fx.srUuid("nfs-shared");
    assertEquals(new DefaultSrCheck.Valid(nfs), DefaultSrCheck.evaluate(fx.snap()));
    fx.client().setDefaultSr(fx.srUuid("local-host-1"));
    assertEquals(new DefaultSrCheck.NotShared(fx.srUuid("local-host-1")), DefaultSrCheck.evaluate(fx.snap()));
    fx.client().setDefaultSr(null);
    assertEquals(new DefaultSrCheck.NotSet(), DefaultSrCheck.evaluate(fx.snap()));
    fx.client().setDefaultSr(nfs);
    fx.sim.loseStorage(fx.hostUuid("host-2"), nfs);
    assertEquals(new DefaultSrCheck.NotPluggedEverywhere(nfs, List.of(fx.hostUuid("host-2"))),
        DefaultSrCheck.evaluate(fx.snap()));
    fx.sim.bringBack(fx.hostUuid("host-2"));
    assertEquals(new DefaultSrCheck.Valid(nfs), DefaultSrCheck.evaluate(fx.snap()), "the path came back");
  }

  static void haToggle(Fx fx) {
    fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of("timeout", "30"));
    assertTrue(fx.snap().pool().haEnabled());
    fx.client().disableHa();
    assertFalse(fx.snap().pool().haEnabled());
    assertEquals(1, fx.sim.journal().successful("pool.enable_ha").size());
    assertEquals(1, fx.sim.journal().successful("pool.disable_ha").size());
  }
}
