package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.DefaultSrCheck;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolDatabaseDump;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.JournalEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The whole pool is lost (reference §7, §10, §16): restore a dump on fresh hosts, repair SRs, join. */
final class RestoreScenarios {
  private RestoreScenarios() {}

  static void poolRestore(Fx fx) {
    byte[] dump = fx.client().dumpDatabase();
    PoolSnapshot original = fx.snap();
    String nfs = fx.srUuid("nfs-shared");
    PoolDatabaseDump d = PoolDatabaseDump.parse(dump);
    assertEquals(fx.hostUuid("host-1"), d.masterHostUuid());
    assertEquals(List.of("eth0", "eth1"), d.masterNicDevices());
    assertEquals(12, d.vmCount());

    // the replacement site's NFS server answers elsewhere
    Map<String, String> newNfs = Map.of("server", "10.1.1.1", "serverpath", "/export/nfs-shared");
    fx.sim.setStorageTarget(nfs, newNfs);
    fx.sim.loseAllHosts();
    assertInstanceOf(HostProbe.Unreachable.class, fx.at("127.0.10.1").probe());

    String f1addr = fx.freshAddress("fresh-1");
    String f1 = fx.freshUuid("fresh-1");
    PoolClient c1 = fx.at(f1addr);
    c1.restoreDatabase(dump, true);
    c1.restoreDatabase(dump, false);
    fx.advance(29);
    assertEquals(new HostProbe.Master(f1addr), c1.probe(), "it serves on during the 30 s fuse");
    assertEquals(1, c1.snapshot().hosts().size(), "still the fresh install");
    fx.advance(1);
    fx.sim.publishMachines();
    assertInstanceOf(HostProbe.Unreachable.class, c1.probe(), "then it reboots");
    fx.advance(59);
    assertInstanceOf(HostProbe.Unreachable.class, c1.probe());
    fx.advance(1);
    assertEquals(new HostProbe.Master(f1addr), c1.probe());
    assertEquals(f1addr, fx.sim.masterAddress());

    PoolSnapshot s = c1.snapshot();
    assertEquals(original.pool().uuid(), s.pool().uuid(), "the restored pool");
    Host self = s.hosts().get(0);
    assertEquals(1, s.hosts().size(), "every other host of the backup is gone");
    assertEquals(f1, self.uuid());
    assertEquals(f1addr, self.address());
    assertEquals(self.ref(), s.pool().masterRef());
    assertEquals(List.of("eth0", "eth1"), s.nicDevicesOf(self.ref()));
    assertTrue(s.pifsOf(self.ref()).stream().filter(Pif::management).allMatch(p -> p.device().equals("eth0")));
    List<Vm> vms = s.vms().stream().filter(v -> !v.controlDomain()).toList();
    assertEquals(12, vms.size());
    assertTrue(vms.stream().allMatch(v -> v.powerState() == PowerState.HALTED && v.residentOn() == null));
    assertTrue(s.pbds().stream().noneMatch(Pbd::currentlyAttached),
        "plug_all_pbds found no storage at the backup's device_config");

    Pbd old = s.pbdsOfSr(s.srByUuid(nfs).orElseThrow().ref()).get(0);
    fx.assertRefused(XapiErrors.SR_BACKEND_FAILURE_47, List.of("", "The SR is not available [opterr=no storage "
        + "answers at {server=10.0.0.10, serverpath=/export/nfs-shared}]", ""), () -> c1.pbdPlug(old.uuid()));
    Pbd local = s.pbdsOfSr(s.srByUuid(fx.srUuid("local-host-1")).orElseThrow().ref()).get(0);
    fx.assertRefused(XapiErrors.SR_BACKEND_FAILURE_47, List.of("", "The SR is not available [opterr=local storage "
        + "of SR " + fx.srUuid("local-host-1") + " is not on host " + f1 + "]", ""), () -> c1.pbdPlug(local.uuid()));
    c1.pbdDestroy(old.uuid());
    String repaired = c1.pbdCreate(f1, nfs, newNfs);
    c1.pbdPlug(repaired);
    assertEquals(new DefaultSrCheck.Valid(nfs), DefaultSrCheck.evaluate(c1.snapshot()));

    String f2addr = fx.freshAddress("fresh-2");
    String f2 = fx.freshUuid("fresh-2");
    fx.at(f2addr).poolJoin(f1addr);
    fx.advance(10); // the joiner's agent restarts as a member
    assertEquals(new HostProbe.Slave(f2addr, f1addr), fx.at(f2addr).probe());
    PoolSnapshot joined = c1.snapshot();
    assertEquals(2, joined.hosts().size());
    assertTrue(joined.hostByUuid(f2).orElseThrow().live());
    assertTrue(joined.srPluggedOn(joined.srByUuid(nfs).orElseThrow().ref(), joined.hostByUuid(f2).orElseThrow().ref()),
        "the joiner's PBD copies the master's (repaired) device_config");

    c1.vmStartOn(vmUuid(joined, "vm-01"), f2);
    c1.vmStartOn(vmUuid(joined, "vm-02"), f1);
    PoolSnapshot running = c1.snapshot();
    assertEquals(PowerState.RUNNING, running.vmByUuid(vmUuid(joined, "vm-01")).orElseThrow().powerState());
    assertEquals(f2, fx.sim.runningDomains().get(vmUuid(joined, "vm-01")));
    fx.assertRefused(XapiErrors.VM_REQUIRES_SR, List.of(running.vmByUuid(vmUuid(joined, "vm-04")).orElseThrow().ref(),
        local.srRef()), () -> c1.vmStartOn(vmUuid(joined, "vm-04"), f1));
  }

  private static String vmUuid(PoolSnapshot s, String name) {
    return s.vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst().orElseThrow().uuid();
  }

  static void dryRunChangesNothing(Fx fx) {
    byte[] dump = fx.client().dumpDatabase();
    String f1addr = fx.freshAddress("fresh-1");
    Fx.Checkpoint before = fx.checkpoint();
    fx.at(f1addr).restoreDatabase(dump, true);
    Fx.Checkpoint after = fx.checkpoint();
    assertEquals(before.pools(), after.pools());
    assertEquals(new HostProbe.Master(f1addr), fx.at(f1addr).probe(), "no reboot");
    JournalEntry last = fx.sim.journal().entries().get(after.journalSize() - 1);
    assertEquals(new JournalEntry(last.seq(), last.at(), "PUT /pool/xmldbdump", f1addr, List.of("dry_run=true"),
        JournalEntry.OK), last);
    assertNotEquals(fx.snap().pool().uuid(), fx.at(f1addr).snapshot().pool().uuid());
  }

  static void corruptDump(Fx fx) {
    byte[] dump = fx.client().dumpDatabase();
    byte[] truncated = Arrays.copyOf(dump, dump.length / 2);
    String f1addr = fx.freshAddress("fresh-1");
    Fx.Checkpoint before = fx.checkpoint();
    XapiException e = assertThrows(XapiException.class, () -> fx.at(f1addr).restoreDatabase(truncated, false));
    assertEquals(XapiErrors.INTERNAL_ERROR, e.code());
    fx.assertUnchangedSince(before);
    assertEquals(new HostProbe.Master(f1addr), fx.at(f1addr).probe());
  }

  static void join(Fx fx) {
    String f1addr = fx.freshAddress("fresh-1");
    String f1 = fx.freshUuid("fresh-1");
    String a1 = fx.address("host-1");
    String localOfFresh = fx.at(f1addr).snapshot().srs().get(0).uuid();
    fx.at(f1addr).poolJoin(a1);
    fx.sim.publishMachines();
    assertInstanceOf(HostProbe.Unreachable.class, fx.at(f1addr).probe(), "its agent restarts as a member");
    fx.advance(10);
    assertEquals(new HostProbe.Slave(f1addr, a1), fx.at(f1addr).probe());
    PoolSnapshot s = fx.snap();
    assertEquals(4, s.hosts().size());
    Host joined = s.hostByUuid(f1).orElseThrow();
    assertTrue(joined.live());
    assertTrue(s.srPluggedOn(fx.srRef("nfs-shared"), joined.ref()));
    assertTrue(s.srPluggedOn(s.srByUuid(localOfFresh).orElseThrow().ref(), joined.ref()), "its local SR came along");
    fx.client().vmStartOn(fx.vmUuid("vm-12"), f1);
    assertEquals(PowerState.RUNNING, fx.vm("vm-12").powerState());
    assertFalse(fx.sim.journal().successful("pool.join").isEmpty());
  }

  /** A master with its own root password: the joiner is given that password, and the join works. */
  static void joinWithTheMastersCredentials(Fx fx) {
    String own = "fresh-5-root";
    fx.sim.addFreshHost(new FreshHostSpec("fresh-5", "127.0.30.5", 64 * PoolClientContract.GIB, List.of("eth0"),
        "eth0", own));
    String f1addr = fx.freshAddress("fresh-1");
    fx.at(f1addr).poolJoin("127.0.30.5", "root", RefusalCases.password(own));
    fx.advance(10); // the joiner's agent restarts as a member
    assertEquals(new HostProbe.Slave(f1addr, "127.0.30.5"), fx.at(f1addr).probe());
    // the master's own password is not the one the test's clients log in with: read the simulation itself
    assertEquals(2, fx.sim.connect("127.0.30.5").snapshot().hosts().size());
    List<String> args = fx.sim.journal().successful("pool.join").get(0).args();
    assertEquals(List.of("127.0.30.5"), args, "the journal names the master, never a credential");
  }
}
