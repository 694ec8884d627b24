package io.poolrescue.simulator.contract;

import static io.poolrescue.pool.XapiErrors.*;
import static io.poolrescue.simulator.contract.Attempt.expect;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.simulator.FreshHostSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every refusal of reference §16 and the issue, as a table: the arrangement (faults, time, earlier
 * calls) and the one call that must be refused with the exact XAPI code and parameters.
 */
final class RefusalCases {
  static final String NO_SUCH = "00000000-0000-4000-8000-000000000000";
  static final String NEW_VM = "11111111-2222-4333-8444-555555555555";
  /** The presets' root password (the site's default credentials). */
  static final String WIRE_PASSWORD = "poolrescue-sim";

  private RefusalCases() {}

  private static Arguments refusal(String name, Function<Fx, Attempt> arrange) {
    return Arguments.of(name, Setup.SMALL, arrange);
  }

  private static Arguments pair(String name, Function<Fx, Attempt> arrange) {
    return Arguments.of(name, Setup.PAIR, arrange);
  }

  /** SM's activate gave up on a paused disk. */
  private static List<String> locked(Vdi disk) {
    return List.of("", "The VDI is not available [opterr=VDI " + disk.uuid() + " locked]", "");
  }

  /** What the host-restore script's {@code tar -xz} reports when gzip fails with this line. */
  private static String tarFails(String gzipLine) {
    return gzipLine + "\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now";
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A password source that answers this text (tests only: the secret is the test's own). */
  static CredentialSource password(String text) {
    return new CredentialSource.FromEnv("JOIN_PASSWORD", name -> text);
  }

  /** vm-01's export (taken while it runs) as a new VM whose disk location is nowhere in the pool. */
  private static byte[] runningExportWithoutItsDisk(Fx fx) {
    String vm01 = fx.vmUuid("vm-01");
    String location = fx.disks("vm-01").get(0).location();
    return TestTar.rewriteOva(fx.client().exportVmMetadata(vm01),
        x -> x.replace(vm01, NEW_VM).replace("location=\"" + location + "\"", "location=\"gone\""));
  }

  /** fresh-1 running a diskless copy of vm-12 (NEW_VM). */
  private static PoolClient freshHostRunningAVm(Fx fx) {
    String vm12 = fx.vmUuid("vm-12");
    byte[] diskless = TestTar.rewriteOva(fx.client().exportVmMetadata(vm12),
        x -> x.replace(vm12, NEW_VM).replaceAll("<disk [^>]*/>\\s*", ""));
    PoolClient fresh = fx.at(fx.freshAddress("fresh-1"));
    fresh.importVmMetadata(diskless, false, false);
    fresh.vmStartOn(NEW_VM, fx.freshUuid("fresh-1"));
    return fresh;
  }

  /** A copy of vm-01 under a new uuid: its disk is attached RW by the running vm-01. */
  private static String twinOfVm01(Fx fx) {
    byte[] export = fx.client().exportVmMetadata(fx.vmUuid("vm-01"));
    String vm01 = fx.vmUuid("vm-01");
    fx.client().importVmMetadata(TestTar.rewriteOva(export, x -> x.replace(vm01, NEW_VM)
        .replace("\"vm-01\"", "\"vm-twin\"").replace("power_state=\"Running\"", "power_state=\"Halted\"")),
        false, false);
    return NEW_VM;
  }

  static Stream<Arguments> all() {
    return Stream.of(hostDestroy(), powerStateReset(), startOn(), storage(), pbd(), poolAndHa(), restore(),
        backupsAndMetadata(), join(), readiness(), wire(), paused(), importRules(), hostRestoreScript(),
        joinOrder(), checkOrder(), pbdOrder(), haStatefile(), lookups()).flatMap(s -> s);
  }

  private static Arguments slow(String name, Function<Fx, Attempt> arrange) {
    return Arguments.of(name, Setup.SLOW_STARTUP, arrange);
  }

  /** host-3's agent starts while its master is gone, so Pool.hello fails; returns its address. */
  private static String inEmergencyMode(Fx fx) {
    String h3 = fx.hostUuid("host-3");
    String a3 = fx.address("host-3");
    fx.sim.killMaster();
    fx.sim.killHost(h3);
    fx.sim.bringBack(h3);
    return a3;
  }

  /** Not ready after a restart: emergency mode, and disabled until the PBDs are plugged. */
  static Stream<Arguments> readiness() {
    long restart = 10 + PoolClientContract.STARTUP_S;
    return Stream.of(
        refusal("a normal call to a member in emergency mode", fx -> {
          String a3 = inEmergencyMode(fx);
          return expect(HOST_STILL_BOOTING, List.of(), () -> fx.at(a3).snapshot());
        }),
        refusal("pool.join from a host in emergency mode", fx -> {
          String a3 = inEmergencyMode(fx);
          return expect(HOST_STILL_BOOTING, List.of(), () -> fx.at(a3).poolJoin("127.0.30.1"));
        }),
        slow("VM.start_on on a member reset by recover_slaves before it plugged its PBDs", fx -> {
          String a2 = fx.address("host-2");
          fx.sim.killMaster();
          fx.at(a2).emergencyTransitionToMaster();
          fx.advance(restart);
          fx.client().recoverSlaves();
          fx.advance(restart);
          return expect(HOST_DISABLED, List.of(fx.hostRef("host-3")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.hostUuid("host-3")));
        }),
        slow("VM.start_on on the promoted master before it plugged its PBDs", fx -> {
          String a2 = fx.address("host-2");
          fx.sim.killMaster();
          fx.at(a2).emergencyTransitionToMaster();
          fx.advance(restart);
          return expect(HOST_DISABLED, List.of(fx.hostRef("host-2")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.hostUuid("host-2")));
        }),
        slow("VM.start_on on a joined host before it plugged its PBDs", fx -> {
          fx.at(fx.freshAddress("fresh-1")).poolJoin(fx.address("host-1"));
          fx.advance(restart);
          return expect(HOST_DISABLED, List.of(fx.hostRef("fresh-1")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.freshUuid("fresh-1")));
        }),
        slow("VM.start_on on a host back from a power loss before it plugged its PBDs", fx -> {
          fx.sim.killHost(fx.hostUuid("host-2"));
          fx.sim.bringBack(fx.hostUuid("host-2"));
          return expect(HOST_DISABLED, List.of(fx.hostRef("host-2")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.hostUuid("host-2")));
        }),
        slow("VM.start_on on a restored master before it plugged its PBDs", fx -> {
          byte[] dump = fx.client().dumpDatabase();
          fx.at(fx.freshAddress("fresh-1")).restoreDatabase(dump, false);
          fx.advance(30 + 60 + PoolClientContract.STARTUP_S);
          PoolClient restored = fx.at(fx.freshAddress("fresh-1"));
          String vm = restored.snapshot().vms().stream().filter(v -> v.nameLabel().equals("vm-12")).findFirst()
              .orElseThrow().uuid();
          return expect(HOST_DISABLED, List.of(restored.snapshot().hostByUuid(fx.freshUuid("fresh-1")).orElseThrow()
              .ref()), () -> restored.vmStartOn(vm, fx.freshUuid("fresh-1")));
        }));
  }

  static Stream<Arguments> hostDestroy() {
    return Stream.of(
        refusal("host.destroy of a live member", fx -> expect(HOST_IS_LIVE, List.of(fx.hostRef("host-2")),
            () -> fx.client().hostDestroy(fx.hostUuid("host-2")))),
        refusal("host.destroy of the master itself", fx -> expect(HOST_IS_LIVE, List.of(fx.hostRef("host-1")),
            () -> fx.client().hostDestroy(fx.hostUuid("host-1")))),
        refusal("host.destroy before its VMs are reset (forget before reset)", fx -> {
          fx.killAndWaitDead("host-2");
          return expect(HOST_HAS_RESIDENT_VMS, List.of(fx.hostRef("host-2")),
              () -> fx.client().hostDestroy(fx.hostUuid("host-2")));
        }),
        refusal("host.destroy of an unreachable member still holding VMs", fx -> {
          fx.sim.cutNetwork(fx.hostUuid("host-2"));
          return expect(HOST_HAS_RESIDENT_VMS, List.of(fx.hostRef("host-2")),
              () -> fx.client().hostDestroy(fx.hostUuid("host-2")));
        }),
        refusal("host.destroy with HA enabled", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of());
          fx.sim.killHost(fx.hostUuid("host-2"));
          fx.advance(61);
          return expect(HA_IS_ENABLED, List.of(), () -> fx.client().hostDestroy(fx.hostUuid("host-2")));
        }),
        refusal("host.destroy of an unknown uuid", fx -> expect(UUID_INVALID, List.of("host", NO_SUCH),
            () -> fx.client().hostDestroy(NO_SUCH))));
  }

  static Stream<Arguments> powerStateReset() {
    return Stream.of(
        refusal("VM.power_state_reset of a VM on a live member", fx -> expect(HOST_IS_LIVE,
            List.of(fx.hostRef("host-2")), () -> fx.client().vmPowerStateReset(fx.vmUuid("vm-05")))),
        refusal("VM.power_state_reset of a control domain", fx -> {
          Vm dom0 = fx.snap().vms().stream()
              .filter(v -> v.controlDomain() && fx.hostRef("host-2").equals(v.residentOn())).findFirst().orElseThrow();
          return expect(CANNOT_RESET_CONTROL_DOMAIN, List.of(dom0.ref()),
              () -> fx.client().vmPowerStateReset(dom0.uuid()));
        }),
        refusal("VM.power_state_reset of a VM whose domain runs on the master", fx -> expect(DOMAIN_EXISTS,
            List.of(fx.vmRef("vm-01")), () -> fx.client().vmPowerStateReset(fx.vmUuid("vm-01")))),
        refusal("VM.power_state_reset of an unknown uuid", fx -> expect(UUID_INVALID, List.of("VM", NO_SUCH),
            () -> fx.client().vmPowerStateReset(NO_SUCH))));
  }

  static Stream<Arguments> startOn() {
    return Stream.of(
        refusal("VM.start_on of a running VM", fx -> expect(VM_BAD_POWER_STATE,
            List.of(fx.vmRef("vm-01"), "halted", "running"),
            () -> fx.client().vmStartOn(fx.vmUuid("vm-01"), fx.hostUuid("host-2")))),
        refusal("VM.start_on a dead host", fx -> {
          fx.killAndWaitDead("host-3");
          return expect(HOST_NOT_LIVE, List.of(),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on a disabled host", fx -> {
          fx.sim.setHostEnabled(fx.hostUuid("host-3"), false);
          return expect(HOST_DISABLED, List.of(fx.hostRef("host-3")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on a host without the VM's SR (disk on the lost local SR)", fx -> {
          fx.killAndWaitDead("host-2");
          fx.resetResidents("host-2");
          return expect(VM_REQUIRES_SR, List.of(fx.vmRef("vm-08"), fx.srRef("local-host-2")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-08"), fx.hostUuid("host-3")));
        }),
        Arguments.of("VM.start_on a host without enough free memory", Setup.TIGHT, (Function<Fx, Attempt>) fx ->
            expect(HOST_NOT_ENOUGH_FREE_MEMORY, List.of(Long.toString(4L << 30), Long.toString(1L << 30)),
                () -> fx.client().vmStartOn(fx.vmUuid("vm-extra"), fx.hostUuid("tight-1")))),
        refusal("VM.start_on a host that is live in the database but unreachable", fx -> {
          fx.sim.cutNetwork(fx.hostUuid("host-3"));
          return expect(CANNOT_CONTACT_HOST, List.of(fx.hostRef("host-3")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on while another VM has the disk attached RW", fx -> {
          byte[] export = fx.client().exportVmMetadata(fx.vmUuid("vm-01"));
          String vm01 = fx.vmUuid("vm-01");
          fx.client().importVmMetadata(TestTar.rewriteOva(export,
              x -> x.replace(vm01, NEW_VM).replace("\"vm-01\"", "\"vm-twin\"")), false, false);
          Vdi disk = fx.disks("vm-01").get(0);
          return expect(VDI_IN_USE, List.of(disk.ref()),
              () -> fx.client().vmStartOn(NEW_VM, fx.hostUuid("host-2")));
        }),
        refusal("VM.start_on while a dead host's SM lock remains (no resetvdis, host not forgotten)", fx -> {
          fx.killAndWaitDead("host-2");
          fx.resetResidents("host-2");
          Vdi disk = fx.disks("vm-05").get(0);
          return expect(SR_BACKEND_FAILURE_46, List.of("", "The VDI is not available [opterr=VDI " + disk.uuid()
                  + " not detached cleanly: host " + fx.hostRef("host-2") + " is HOST_OFFLINE]", ""),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-05"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on an unknown host", fx -> expect(UUID_INVALID, List.of("host", NO_SUCH),
            () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), NO_SUCH))));
  }

  static Stream<Arguments> storage() {
    return Stream.of(
        refusal("resetvdis after the host was forgotten (wrong order)", fx -> {
          fx.killAndWaitDead("host-2");
          fx.resetResidents("host-2");
          String host2 = fx.hostUuid("host-2");
          fx.client().hostDestroy(host2);
          return expect(UUID_INVALID, List.of("host", host2),
              () -> fx.client().resetVdis(host2, fx.srUuid("nfs-shared"), false));
        }),
        refusal("resetvdis of an unknown SR", fx -> expect(UUID_INVALID, List.of("SR", NO_SUCH),
            () -> fx.client().resetVdis(fx.hostUuid("host-2"), NO_SUCH, false))),
        refusal("VDI.remove_from_sm_config of an unknown VDI", fx -> expect(UUID_INVALID, List.of("VDI", NO_SUCH),
            () -> fx.client().vdiRemoveFromSmConfig(NO_SUCH, "paused"))),
        refusal("pool.set_default_SR to an unknown SR", fx -> expect(UUID_INVALID, List.of("SR", NO_SUCH),
            () -> fx.client().setDefaultSr(NO_SUCH))));
  }

  static Stream<Arguments> pbd() {
    return Stream.of(
        refusal("PBD.create where one exists", fx -> expect(PBD_EXISTS,
            List.of(fx.srRef("nfs-shared"), fx.hostRef("host-2"), fx.pbd("nfs-shared", "host-2").ref()),
            () -> fx.client().pbdCreate(fx.hostUuid("host-2"), fx.srUuid("nfs-shared"), Map.of("server", "x")))),
        refusal("PBD.destroy of an attached PBD", fx -> expect(OPERATION_NOT_ALLOWED,
            List.of("PBD is currently attached"), () -> fx.client().pbdDestroy(fx.pbd("nfs-shared", "host-2").uuid()))),
        refusal("PBD.plug on a dead host", fx -> {
          fx.sim.loseStorage(fx.hostUuid("host-2"), fx.srUuid("nfs-shared"));
          fx.killAndWaitDead("host-2");
          return expect(HOST_OFFLINE, List.of(fx.hostRef("host-2")),
              () -> fx.client().pbdPlug(fx.pbd("nfs-shared", "host-2").uuid()));
        }),
        refusal("PBD.plug of a local SR attached on another host", fx -> {
          String pbd = fx.client().pbdCreate(fx.hostUuid("host-2"), fx.srUuid("local-host-1"),
              Map.of("device", "/dev/sdb"));
          return expect(SR_NOT_SHARABLE, List.of(fx.srRef("local-host-1"), fx.hostRef("host-1")),
              () -> fx.client().pbdPlug(pbd));
        }),
        refusal("PBD.plug after the storage path was lost", fx -> {
          fx.sim.loseStorage(fx.hostUuid("host-2"), fx.srUuid("nfs-shared"));
          return expect(SR_BACKEND_FAILURE_47, List.of("", "The SR is not available [opterr=storage path to SR "
                  + fx.srUuid("nfs-shared") + " lost on host " + fx.hostUuid("host-2") + "]", ""),
              () -> fx.client().pbdPlug(fx.pbd("nfs-shared", "host-2").uuid()));
        }),
        refusal("PBD.plug with a device_config the storage no longer answers to", fx -> {
          fx.sim.loseStorage(fx.hostUuid("host-2"), fx.srUuid("nfs-shared"));
          fx.sim.setStorageTarget(fx.srUuid("nfs-shared"), Map.of("server", "10.9.9.9", "serverpath", "/new"));
          fx.sim.bringBack(fx.hostUuid("host-2"));
          return expect(SR_BACKEND_FAILURE_47, List.of("", "The SR is not available [opterr=no storage answers at "
                  + "{server=10.0.0.10, serverpath=/export/nfs-shared}]", ""),
              () -> fx.client().pbdPlug(fx.pbd("nfs-shared", "host-2").uuid()));
        }),
        refusal("PBD.unplug while running VMs use the SR", fx -> {
          List<String> inUse = Stream.of("vm-09", "vm-10", "vm-11").map(v -> fx.disks(v).get(0).ref()).toList();
          return expect(VDI_IN_USE, inUse, () -> fx.client().pbdUnplug(fx.pbd("nfs-shared", "host-3").uuid()));
        }));
  }

  static Stream<Arguments> poolAndHa() {
    return Stream.of(
        refusal("pool.enable_ha when already enabled", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of());
          return expect(HA_IS_ENABLED, List.of(),
              () -> fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of()));
        }),
        refusal("pool.enable_ha with a host not live", fx -> {
          fx.killAndWaitDead("host-3");
          return expect(HOST_OFFLINE, List.of(fx.hostRef("host-3")),
              () -> fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of()));
        }),
        refusal("pool.disable_ha when not enabled", fx -> expect(HA_NOT_ENABLED, List.of(),
            () -> fx.client().disableHa())),
        refusal("pool.emergency_transition_to_master with HA armed", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of());
          return expect(HA_IS_ENABLED, List.of(), () -> fx.at(fx.address("host-2")).emergencyTransitionToMaster());
        }));
  }

  static Stream<Arguments> restore() {
    return Stream.of(
        refusal("database restore of another schema version", fx -> {
          byte[] dump = new String(fx.client().dumpDatabase(), StandardCharsets.UTF_8)
              .replace("key=\"schema_minor_vsn\" value=\"", "key=\"schema_minor_vsn\" value=\"1")
              .getBytes(StandardCharsets.UTF_8);
          return expect(RESTORE_INCOMPATIBLE_VERSION, List.of(),
              () -> fx.at(fx.freshAddress("fresh-1")).restoreDatabase(dump, true));
        }),
        refusal("database restore on a host missing a NIC of the backup master", fx -> {
          byte[] dump = fx.client().dumpDatabase();
          return expect(RESTORE_TARGET_MISSING_DEVICE, List.of("eth1"),
              () -> fx.at(fx.freshAddress("fresh-3")).restoreDatabase(dump, false));
        }),
        refusal("database restore on a host whose management NIC is not in the backup", fx -> {
          byte[] dump = fx.client().dumpDatabase();
          return expect(RESTORE_TARGET_MGMT_IF_NOT_IN_BACKUP, List.of("eth0", "eth1"),
              () -> fx.at(fx.freshAddress("fresh-4")).restoreDatabase(dump, true));
        }));
  }

  static Stream<Arguments> backupsAndMetadata() {
    return Stream.of(
        refusal("host_restore of a corrupt backup", fx -> {
          byte[] backup = fx.client().hostBackup(fx.hostUuid("host-2"));
          backup[backup.length - 3] ^= 0x5A;
          return expect(RESTORE_SCRIPT_FAILED, List.of(tarFails("gzip: stdin: invalid compressed data--crc error")),
              () -> fx.at(fx.address("host-2")).hostRestore(backup));
        }),
        refusal("host_restore of a truncated backup", fx -> {
          byte[] backup = fx.client().hostBackup(fx.hostUuid("host-2"));
          byte[] cut = Arrays.copyOf(backup, backup.length - 10);
          return expect(RESTORE_SCRIPT_FAILED, List.of(tarFails("gzip: stdin: unexpected end of file")),
              () -> fx.at(fx.address("host-2")).hostRestore(cut));
        }),
        refusal("metadata import whose first member is not ova.xml", fx -> expect(IMPORT_ERROR_UNEXPECTED_FILE,
            List.of("ova.xml", "disk.vhd"), () -> fx.client().importVmMetadata(
                TestTar.write(new TestTar.Entry("disk.vhd", new byte[700])), false, false))),
        refusal("metadata import over a running VM", fx -> {
          byte[] export = fx.client().exportVmMetadata(fx.vmUuid("vm-01"));
          return expect(VM_BAD_POWER_STATE, List.of(fx.vmRef("vm-01"), "Halted", "Running"),
              () -> fx.client().importVmMetadata(export, false, false));
        }),
        refusal("metadata import of a version that is not newer", fx -> {
          byte[] export = fx.client().exportVmMetadata(fx.vmUuid("vm-12"));
          return expect(VM_TO_IMPORT_IS_NOT_NEWER_VERSION, List.of(fx.vmRef("vm-12"), "1", "1"),
              () -> fx.client().importVmMetadata(export, false, false));
        }),
        refusal("metadata import dry run refuses the same way", fx -> {
          byte[] export = fx.client().exportVmMetadata(fx.vmUuid("vm-12"));
          return expect(VM_TO_IMPORT_IS_NOT_NEWER_VERSION, List.of(fx.vmRef("vm-12"), "1", "1"),
              () -> fx.client().importVmMetadata(export, false, true));
        }),
        refusal("metadata import of a disk that is not on its SR", fx -> {
          String vm12 = fx.vmUuid("vm-12");
          String location = fx.disks("vm-12").get(0).location();
          byte[] export = TestTar.rewriteOva(fx.client().exportVmMetadata(vm12),
              x -> x.replace(vm12, NEW_VM).replace("location=\"" + location + "\"", "location=\"gone\""));
          return expect(VDI_LOCATION_MISSING, List.of(fx.srRef("nfs-shared"), "gone"),
              () -> fx.client().importVmMetadata(export, false, false));
        }));
  }

  static Stream<Arguments> join() {
    return Stream.of(
        refusal("pool.join from a host already in a pool", fx -> expect(OPERATION_NOT_ALLOWED,
            List.of("Host is already part of a pool"), () -> fx.at(fx.address("host-2")).poolJoin(fx.address("host-1")))),
        refusal("pool.join to itself", fx -> expect(OPERATION_NOT_ALLOWED, List.of("Host cannot become slave of itself"),
            () -> fx.at(fx.freshAddress("fresh-1")).poolJoin(fx.freshAddress("fresh-1")))),
        refusal("pool.join to an address where no master answers", fx -> expect(JOINING_HOST_SERVICE_FAILED, List.of(),
            () -> fx.at(fx.freshAddress("fresh-1")).poolJoin("127.0.99.1"))),
        refusal("pool.join to a pool with HA on", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of());
          return expect(HA_IS_ENABLED, List.of(), () -> fx.at(fx.freshAddress("fresh-1")).poolJoin(fx.address("host-1")));
        }),
        refusal("pool.join from a host running VMs", fx -> {
          PoolClient fresh = freshHostRunningAVm(fx);
          return expect(JOINING_HOST_CANNOT_HAVE_RUNNING_VMS, List.of(), () -> fresh.poolJoin(fx.address("host-1")));
        }),
        refusal("pool.join from a host holding shared SRs", fx -> {
          byte[] dump = fx.client().dumpDatabase();
          fx.at(fx.freshAddress("fresh-1")).restoreDatabase(dump, false);
          fx.advance(30 + 60);
          return expect(JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS, List.of(),
              () -> fx.at(fx.freshAddress("fresh-1")).poolJoin(fx.freshAddress("fresh-2")));
        }));
  }

  /**
   * A host whose agent answers but refuses service: over the wire in xapi's emergency reply shape (an
   * error array, id 0). (A host restarting its agent refuses the connection: see ReadinessScenarios.)
   */
  static Stream<Arguments> wire() {
    return Stream.of(
        refusal("a call at a forgotten host that came back names it", fx -> {
          String h2 = fx.hostUuid("host-2");
          String a2 = fx.address("host-2");
          fx.forgetDeadHost("host-2");
          fx.sim.bringBack(h2);
          return expect(HOST_UNKNOWN_TO_MASTER, List.of(h2), () -> fx.at(a2).snapshot());
        }));
  }

  static Stream<Arguments> paused() {
    return Stream.of(
        refusal("VM.start_on with a disk the dead master left paused", fx -> {
          Vdi disk = fx.disks("vm-12").get(0);
          String host2 = fx.hostUuid("host-2");
          String a2 = fx.address("host-2");
          fx.sim.killMasterWhileDiskPaused(disk.uuid());
          fx.promote(a2);
          return expect(SR_BACKEND_FAILURE_46, locked(disk), () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), host2));
        }),
        refusal("VM.start_on after resetvdis without the master flag (paused stays)", fx -> {
          Vdi disk = fx.disks("vm-12").get(0);
          String host1 = fx.hostUuid("host-1");
          String host2 = fx.hostUuid("host-2");
          String nfs = fx.srUuid("nfs-shared");
          String a2 = fx.address("host-2");
          fx.sim.killMasterWhileDiskPaused(disk.uuid());
          fx.promote(a2).resetVdis(host1, nfs, false);
          return expect(SR_BACKEND_FAILURE_46, locked(disk), () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), host2));
        }),
        refusal("VM.start_on of the old master's VM after resetvdis without the master flag", fx -> {
          Vdi disk = fx.disks("vm-01").get(0);
          String vm01 = fx.vmUuid("vm-01");
          String host1 = fx.hostUuid("host-1");
          String host3 = fx.hostUuid("host-3");
          String nfs = fx.srUuid("nfs-shared");
          PoolClient m = fx.loseMasterWithVm01Paused();
          m.resetVdis(host1, nfs, false);
          return expect(SR_BACKEND_FAILURE_46, locked(disk), () -> m.vmStartOn(vm01, host3));
        }),
        refusal("VM.start_on of a paused disk on a dead host: HOST_NOT_LIVE first", fx -> {
          Vdi disk = fx.disks("vm-12").get(0);
          String host3 = fx.hostUuid("host-3");
          String a2 = fx.address("host-2");
          fx.sim.killMasterWhileDiskPaused(disk.uuid());
          fx.promote(a2);
          fx.sim.killHost(host3);
          fx.advance(600);
          return expect(HOST_NOT_LIVE, List.of(), () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), host3));
        }));
  }

  static Stream<Arguments> importRules() {
    return Stream.of(
        refusal("forced metadata import of a running VM whose disk is gone", fx -> {
          byte[] export = runningExportWithoutItsDisk(fx);
          return expect(IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND, List.of(),
              () -> fx.client().importVmMetadata(export, true, false));
        }),
        refusal("forced dry run of a running VM whose disk is gone", fx -> {
          byte[] export = runningExportWithoutItsDisk(fx);
          return expect(IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND, List.of(),
              () -> fx.client().importVmMetadata(export, true, true));
        }),
        refusal("unforced metadata import of a running VM whose disk is gone", fx -> {
          byte[] export = runningExportWithoutItsDisk(fx);
          return expect(VDI_LOCATION_MISSING, List.of(fx.srRef("nfs-shared"), "gone"),
              () -> fx.client().importVmMetadata(export, false, false));
        }),
        refusal("metadata import of the same export a second time", fx -> {
          byte[] export = fx.client().exportVmMetadata(fx.vmUuid("vm-12"));
          fx.client().importVmMetadata(export, true, false);
          return expect(VM_TO_IMPORT_IS_NOT_NEWER_VERSION, List.of(fx.vmRef("vm-12"), "2", "1"),
              () -> fx.client().importVmMetadata(export, false, false));
        }),
        refusal("metadata dry run of the same export a second time", fx -> {
          byte[] export = fx.client().exportVmMetadata(fx.vmUuid("vm-12"));
          fx.client().importVmMetadata(export, true, false);
          return expect(VM_TO_IMPORT_IS_NOT_NEWER_VERSION, List.of(fx.vmRef("vm-12"), "2", "1"),
              () -> fx.client().importVmMetadata(export, false, true));
        }),
        refusal("metadata import of a disk on an SR the pool does not have", fx -> {
          String vm12 = fx.vmUuid("vm-12");
          String nfs = fx.srUuid("nfs-shared");
          byte[] export = TestTar.rewriteOva(fx.client().exportVmMetadata(vm12),
              x -> x.replace(vm12, NEW_VM).replace("sr=\"" + nfs + "\"", "sr=\"" + NO_SUCH + "\""));
          return expect(VDI_CONTENT_ID_MISSING, List.of(), () -> fx.client().importVmMetadata(export, false, false));
        }));
  }

  static Stream<Arguments> hostRestoreScript() {
    return Stream.of(
        refusal("host_restore of an empty body", fx -> expect(RESTORE_SCRIPT_FAILED,
            List.of(tarFails("gzip: stdin: unexpected end of file")),
            () -> fx.at(fx.address("host-2")).hostRestore(new byte[0]))),
        refusal("host_restore of something that is not compressed", fx -> expect(RESTORE_SCRIPT_FAILED,
            List.of(tarFails("gzip: stdin: not in gzip format")),
            () -> fx.at(fx.address("host-2")).hostRestore("hello".getBytes(StandardCharsets.UTF_8)))),
        refusal("host_restore of compressed data that is not a tar", fx -> expect(RESTORE_SCRIPT_FAILED,
            List.of("tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors"),
            () -> fx.at(fx.address("host-2"))
                .hostRestore(gzip("hello, not a tar\n".repeat(64).getBytes(StandardCharsets.UTF_8))))));
  }

  static Stream<Arguments> joinOrder() {
    return Stream.of(
        refusal("pool.join pointed at a member", fx -> expect(HOST_IS_SLAVE, List.of(fx.address("host-1")),
            () -> fx.at(fx.freshAddress("fresh-1")).poolJoin(fx.address("host-2")))),
        refusal("pool.join of a member pointed at itself: the login to it comes first", fx -> expect(HOST_IS_SLAVE,
            List.of(fx.address("host-1")), () -> fx.at(fx.address("host-2")).poolJoin(fx.address("host-2")))),
        refusal("pool.join with a wrong password for the master", fx -> expect(SESSION_AUTHENTICATION_FAILED,
            List.of("root", "Authentication failure"), () -> fx.at(fx.freshAddress("fresh-1"))
                .poolJoin(fx.address("host-1"), "root", password("not-the-password")))),
        refusal("pool.join as another user", fx -> expect(SESSION_AUTHENTICATION_FAILED,
            List.of("admin", "Authentication failure"), () -> fx.at(fx.freshAddress("fresh-1"))
                .poolJoin(fx.address("host-1"), "admin", password(WIRE_PASSWORD)))),
        refusal("pool.join with the joiner's password to a master that has its own", fx -> {
          fx.sim.addFreshHost(new FreshHostSpec("fresh-5", "127.0.30.5", 64 * PoolClientContract.GIB, List.of("eth0"), "eth0",
              "fresh-5-root"));
          return expect(SESSION_AUTHENTICATION_FAILED, List.of("root", "Authentication failure"),
              () -> fx.at(fx.freshAddress("fresh-1")).poolJoin("127.0.30.5"));
        }),
        refusal("pool.join to a master whose agent restarts", fx -> {
          String a2 = fx.address("host-2");
          fx.sim.killMaster();
          fx.at(a2).emergencyTransitionToMaster();
          return expect(JOINING_HOST_CONNECTION_FAILED, List.of(), () -> fx.at(fx.freshAddress("fresh-1")).poolJoin(a2));
        }),
        refusal("pool.join of a member to where nothing answers: the login fails first", fx -> expect(
            JOINING_HOST_SERVICE_FAILED, List.of(), () -> fx.at(fx.address("host-2")).poolJoin("127.0.99.1"))),
        refusal("pool.join with a wrong password from a host already in a pool", fx -> expect(
            SESSION_AUTHENTICATION_FAILED, List.of("root", "Authentication failure"),
            () -> fx.at(fx.address("host-2")).poolJoin(fx.address("host-1"), "root", password("wrong")))),
        refusal("pool.join of a master of other hosts", fx -> expect(JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS,
            List.of(), () -> fx.at(fx.address("host-1")).poolJoin(fx.freshAddress("fresh-1")))),
        refusal("pool.join of a host running VMs to a pool with HA on: HA first", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of());
          PoolClient fresh = freshHostRunningAVm(fx);
          return expect(HA_IS_ENABLED, List.of(), () -> fresh.poolJoin(fx.address("host-1")));
        }),
        refusal("pool.join of a master of other hosts with HA on in its pool: the local HA check first", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of());
          return expect(HA_IS_ENABLED, List.of(), () -> fx.at(fx.address("host-1")).poolJoin(fx.freshAddress("fresh-1")));
        }));
  }

  static Stream<Arguments> checkOrder() {
    return Stream.of(
        refusal("VM.start_on a dead host of a VM whose disk is in use: VDI_IN_USE first", fx -> {
          String twin = twinOfVm01(fx);
          Vdi disk = fx.disks("vm-01").get(0);
          fx.killAndWaitDead("host-3");
          return expect(VDI_IN_USE, List.of(disk.ref()), () -> fx.client().vmStartOn(twin, fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on a disabled host of a VM whose disk is in use: VDI_IN_USE first", fx -> {
          String twin = twinOfVm01(fx);
          Vdi disk = fx.disks("vm-01").get(0);
          fx.sim.setHostEnabled(fx.hostUuid("host-3"), false);
          return expect(VDI_IN_USE, List.of(disk.ref()), () -> fx.client().vmStartOn(twin, fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on an unreachable host of a VM whose disk is in use: VDI_IN_USE first", fx -> {
          String twin = twinOfVm01(fx);
          Vdi disk = fx.disks("vm-01").get(0);
          fx.sim.cutNetwork(fx.hostUuid("host-3"));
          return expect(VDI_IN_USE, List.of(disk.ref()), () -> fx.client().vmStartOn(twin, fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on a dead host of a running VM: the power state first", fx -> {
          fx.killAndWaitDead("host-3");
          return expect(VM_BAD_POWER_STATE, List.of(fx.vmRef("vm-01"), "halted", "running"),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-01"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on a dead and disabled host: HOST_NOT_LIVE first", fx -> {
          fx.sim.setHostEnabled(fx.hostUuid("host-3"), false);
          fx.killAndWaitDead("host-3");
          return expect(HOST_NOT_LIVE, List.of(), () -> fx.client().vmStartOn(fx.vmUuid("vm-12"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on a disabled host without the VM's SR: HOST_DISABLED first", fx -> {
          fx.killAndWaitDead("host-2");
          fx.resetResidents("host-2");
          fx.sim.setHostEnabled(fx.hostUuid("host-3"), false);
          return expect(HOST_DISABLED, List.of(fx.hostRef("host-3")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-08"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on an unreachable host without the VM's SR: the can-boot checks first", fx -> {
          fx.killAndWaitDead("host-2");
          fx.resetResidents("host-2");
          fx.sim.cutNetwork(fx.hostUuid("host-3"));
          return expect(VM_REQUIRES_SR, List.of(fx.vmRef("vm-08"), fx.srRef("local-host-2")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-08"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on an unreachable host with a dead host's SM lock left: the forward first", fx -> {
          fx.killAndWaitDead("host-2");
          fx.resetResidents("host-2");
          fx.sim.cutNetwork(fx.hostUuid("host-3"));
          return expect(CANNOT_CONTACT_HOST, List.of(fx.hostRef("host-3")),
              () -> fx.client().vmStartOn(fx.vmUuid("vm-05"), fx.hostUuid("host-3")));
        }),
        refusal("VM.start_on of an unknown VM", fx -> expect(UUID_INVALID, List.of("VM", NO_SUCH),
            () -> fx.client().vmStartOn(NO_SUCH, fx.hostUuid("host-2")))));
  }

  static Stream<Arguments> pbdOrder() {
    return Stream.of(
        refusal("PBD.plug of an attached PBD on a dead host: forwarded first", fx -> {
          fx.killAndWaitDead("host-2");
          return expect(HOST_OFFLINE, List.of(fx.hostRef("host-2")),
              () -> fx.client().pbdPlug(fx.pbd("nfs-shared", "host-2").uuid()));
        }),
        refusal("PBD.plug of an attached PBD on an unreachable host", fx -> {
          fx.sim.cutNetwork(fx.hostUuid("host-2"));
          return expect(CANNOT_CONTACT_HOST, List.of(fx.hostRef("host-2")),
              () -> fx.client().pbdPlug(fx.pbd("nfs-shared", "host-2").uuid()));
        }),
        refusal("PBD.unplug on a dead host", fx -> {
          fx.killAndWaitDead("host-2");
          return expect(HOST_OFFLINE, List.of(fx.hostRef("host-2")),
              () -> fx.client().pbdUnplug(fx.pbd("nfs-shared", "host-2").uuid()));
        }),
        refusal("PBD.create with the internal SRmaster key", fx -> expect(VALUE_NOT_SUPPORTED,
            List.of("SRmaster", "true", "This key is for internal use only"),
            () -> fx.client().pbdCreate(fx.hostUuid("host-2"), fx.srUuid("local-host-3"), Map.of("SRmaster", "true")))),
        refusal("PBD.create where one exists, even with the SRmaster key: PBD_EXISTS first", fx -> expect(PBD_EXISTS,
            List.of(fx.srRef("nfs-shared"), fx.hostRef("host-2"), fx.pbd("nfs-shared", "host-2").ref()),
            () -> fx.client().pbdCreate(fx.hostUuid("host-2"), fx.srUuid("nfs-shared"), Map.of("SRmaster", "true")))),
        refusal("PBD.destroy of an attached PBD on a dead host", fx -> {
          fx.killAndWaitDead("host-2");
          return expect(OPERATION_NOT_ALLOWED, List.of("PBD is currently attached"),
              () -> fx.client().pbdDestroy(fx.pbd("nfs-shared", "host-2").uuid()));
        }),
        pair("PBD.unplug of an SR an HA-protected VM needs", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("heartbeat")), Map.of());
          return expect(HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED, List.of(fx.srRef("vm-store")),
              () -> fx.client().pbdUnplug(fx.pbd("vm-store", "pair-2").uuid()));
        }),
        pair("PBD.unplug of the HA statefile's SR", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("heartbeat")), Map.of());
          return expect(HA_IS_ENABLED, List.of(), () -> fx.client().pbdUnplug(fx.pbd("heartbeat", "pair-2").uuid()));
        }),
        pair("PBD.unplug of an SR a running HA-protected VM uses: the HA constraint first", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("heartbeat")), Map.of());
          return expect(HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED, List.of(fx.srRef("vm-store")),
              () -> fx.client().pbdUnplug(fx.pbd("vm-store", "pair-1").uuid()));
        }));
  }

  static Stream<Arguments> haStatefile() {
    return Stream.of(
        refusal("pool.enable_ha with a local SR first", fx -> expect(SR_NO_PBDS, List.of(fx.srRef("local-host-1")),
            () -> fx.client().enableHa(List.of(fx.srUuid("local-host-1"), fx.srUuid("nfs-shared")), Map.of()))),
        pair("pool.enable_ha on an SR one host has unplugged", fx -> {
          fx.client().pbdUnplug(fx.pbd("heartbeat", "pair-2").uuid());
          return expect(SR_NO_PBDS, List.of(fx.srRef("heartbeat")),
              () -> fx.client().enableHa(List.of(fx.srUuid("heartbeat")), Map.of()));
        }),
        pair("pool.enable_ha choosing an SR when none is plugged on every host", fx -> {
          fx.client().pbdUnplug(fx.pbd("heartbeat", "pair-2").uuid());
          fx.client().pbdUnplug(fx.pbd("vm-store", "pair-2").uuid());
          return expect(CANNOT_CREATE_STATE_FILE, List.of(), () -> fx.client().enableHa(List.of(), Map.of()));
        }),
        refusal("pool.enable_ha with a dead host and a local SR: HOST_OFFLINE first", fx -> {
          fx.killAndWaitDead("host-3");
          return expect(HOST_OFFLINE, List.of(fx.hostRef("host-3")),
              () -> fx.client().enableHa(List.of(fx.srUuid("local-host-1")), Map.of()));
        }),
        refusal("pool.enable_ha again after a host died: HA_IS_ENABLED first", fx -> {
          fx.client().enableHa(List.of(fx.srUuid("nfs-shared")), Map.of());
          fx.sim.killHost(fx.hostUuid("host-3"));
          fx.advance(61);
          return expect(HA_IS_ENABLED, List.of(), () -> fx.client().enableHa(List.of(fx.srUuid("local-host-1")), Map.of()));
        }),
        refusal("pool.enable_ha with an unknown SR", fx -> expect(UUID_INVALID, List.of("SR", NO_SUCH),
            () -> fx.client().enableHa(List.of(NO_SUCH), Map.of()))));
  }

  static Stream<Arguments> lookups() {
    return Stream.of(
        refusal("resetvdis of an unknown SR and an unknown host: the SR first", fx -> expect(UUID_INVALID,
            List.of("SR", NO_SUCH), () -> fx.client().resetVdis(NEW_VM, NO_SUCH, true))),
        refusal("resetvdis of an unknown host", fx -> expect(UUID_INVALID, List.of("host", NO_SUCH),
            () -> fx.client().resetVdis(NO_SUCH, fx.srUuid("nfs-shared"), false))),
        refusal("PBD.create on an unknown host", fx -> expect(UUID_INVALID, List.of("host", NO_SUCH),
            () -> fx.client().pbdCreate(NO_SUCH, fx.srUuid("nfs-shared"), Map.of("server", "x")))),
        refusal("PBD.create for an unknown SR", fx -> expect(UUID_INVALID, List.of("SR", NO_SUCH),
            () -> fx.client().pbdCreate(fx.hostUuid("host-2"), NO_SUCH, Map.of("server", "x")))),
        refusal("PBD.destroy of an unknown PBD", fx -> expect(UUID_INVALID, List.of("PBD", NO_SUCH),
            () -> fx.client().pbdDestroy(NO_SUCH))),
        refusal("PBD.plug of an unknown PBD", fx -> expect(UUID_INVALID, List.of("PBD", NO_SUCH),
            () -> fx.client().pbdPlug(NO_SUCH))),
        refusal("PBD.unplug of an unknown PBD", fx -> expect(UUID_INVALID, List.of("PBD", NO_SUCH),
            () -> fx.client().pbdUnplug(NO_SUCH))),
        refusal("metadata export of an unknown VM", fx -> expect(UUID_INVALID, List.of("VM", NO_SUCH),
            () -> fx.client().exportVmMetadata(NO_SUCH))),
        refusal("host_backup of an unknown host", fx -> expect(UUID_INVALID, List.of("host", NO_SUCH),
            () -> fx.client().hostBackup(NO_SUCH))));
  }
}
