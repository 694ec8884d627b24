package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import java.util.List;

/** Host backup/restore (reference §8) and VM metadata export/import (reference §9). */
final class BackupScenarios {
  private BackupScenarios() {}

  static void hostRestore(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    String a2 = fx.address("host-2");
    byte[] backup = fx.client().hostBackup(h2);
    fx.sim.damageConfig(h2);
    assertEquals(new HostProbe.Unavailable(a2, XapiErrors.HOST_BROKEN), fx.at(a2).probe());
    fx.advance(600);
    assertFalse(fx.host("host-2").live(), "a broken agent sends no heartbeats");
    fx.at(a2).hostRestore(backup);
    assertEquals(new HostProbe.Unavailable(a2, XapiErrors.HOST_BROKEN), fx.at(a2).probe(),
        "staged only: the installer applies it");
    fx.sim.rebootIntoInstallerRestore(h2);
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(a2).probe(), "a rebooting host refuses connections");
    fx.advance(60);
    assertEquals(new HostProbe.Slave(a2, fx.address("host-1")), fx.at(a2).probe());
    assertTrue(fx.host("host-2").live());
    assertEquals(PowerState.HALTED, fx.vm("vm-05").powerState(), "the reboot stopped its VMs");

    fx.sim.killHost(fx.hostUuid("host-3"));
    assertThrows(PoolUnreachableException.class, () -> fx.client().hostBackup(fx.hostUuid("host-3")),
        "a backup is taken from the host itself");
  }

  /**
   * The real host-restore script wipes the backup partition, then only extracts: another host's
   * image is staged, and a failed upload loses the one staged before.
   */
  static void hostRestoreScriptChecksNothing(Fx fx) {
    String h2 = fx.hostUuid("host-2");
    String a2 = fx.address("host-2");
    byte[] own = fx.client().hostBackup(h2);
    byte[] other = fx.client().hostBackup(fx.hostUuid("host-3"));
    fx.sim.damageConfig(h2);

    fx.at(a2).hostRestore(own);
    byte[] corrupt = own.clone();
    corrupt[corrupt.length - 3] ^= 0x5A;
    XapiException e = assertThrows(XapiException.class, () -> fx.at(a2).hostRestore(corrupt));
    assertEquals(XapiErrors.RESTORE_SCRIPT_FAILED, e.code());
    fx.sim.rebootIntoInstallerRestore(h2);
    fx.advance(60);
    assertEquals(new HostProbe.Unavailable(a2, XapiErrors.HOST_BROKEN), fx.at(a2).probe(),
        "the failed upload wiped the good image staged before it: nothing was restored");
    assertTrue(fx.sim.integrityViolations().isEmpty());

    fx.at(a2).hostRestore(other); // accepted: the script does not look whose image it is
    fx.sim.rebootIntoInstallerRestore(h2);
    fx.advance(60);
    assertEquals(new HostProbe.Unavailable(a2, XapiErrors.HOST_BROKEN), fx.at(a2).probe(),
        "another host's control domain does not make this host work again");
    assertEquals(List.of("machine of host " + h2 + " restored the backup of host " + fx.hostUuid("host-3")
        + " and would come up with that host's identity"), fx.sim.integrityViolations());
  }

  static void metadataImport(Fx fx) {
    PoolClient c = fx.client();
    String vm12 = fx.vmUuid("vm-12");
    byte[] export = c.exportVmMetadata(vm12);
    assertEquals("ova.xml", TestTar.first(export).name());

    Fx.Checkpoint before = fx.checkpoint();
    assertEquals(List.of(), c.importVmMetadata(export, true, true), "a dry run creates nothing and says so");
    assertEquals(before.pools(), fx.checkpoint().pools(), "and does nothing");

    String oldRef = fx.vmRef("vm-12");
    assertEquals(List.of(vm12), c.importVmMetadata(export, true, false), "force replaces a not-newer VM");
    Vm replaced = fx.vm("vm-12");
    assertNotEquals(oldRef, replaced.ref());
    assertEquals(1, fx.snap().vbdsOf(replaced.ref()).size());
    assertEquals(2, replaced.version(), "an imported VM's version is the export's plus one");

    byte[] newer = TestTar.rewriteOva(export, x -> x.replace("version=\"1\"", "version=\"3\""));
    assertEquals(List.of(vm12), c.importVmMetadata(newer, false, false), "a newer version replaces without force");
    assertEquals(4, fx.vm("vm-12").version());

    String location = fx.disks("vm-12").get(0).location();
    byte[] lostDisk = TestTar.rewriteOva(export, x -> x.replace(vm12, RefusalCases.NEW_VM)
        .replace("location=\"" + location + "\"", "location=\"gone\""));
    assertEquals(List.of(RefusalCases.NEW_VM), c.importVmMetadata(lostDisk, true, false), "force skips the disk");
    Vm created = fx.snap().vmByUuid(RefusalCases.NEW_VM).orElseThrow();
    assertTrue(fx.snap().vbdsOf(created.ref()).isEmpty());
    assertEquals(PowerState.HALTED, created.powerState());

    byte[] running = c.exportVmMetadata(fx.vmUuid("vm-01"));
    String vm01Ref = fx.vmRef("vm-01");
    assertEquals(List.of(), c.importVmMetadata(running, true, false), "force skips a VM that is not halted");
    assertEquals(vm01Ref, fx.vmRef("vm-01"));
  }
}
