package io.poolrescue.activities.poolrestore;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.SentMarker;
import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.backup.BackupFailures;
import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backup.BackupStoreException;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.PoolDatabaseDump;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class PoolRestoreActivitiesImpl implements PoolRestoreActivities {
  private static final Logger log = LoggerFactory.getLogger(PoolRestoreActivitiesImpl.class);
  static final int MAX_PAGE = 1000;
  private static final Set<String> ACTIVE = Set.of("Running", "Paused", "Suspended");

  private final PoolAccess pool;
  private final BackupStore store;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  public PoolRestoreActivitiesImpl(PoolConnector connector, BackupStore store, ApprovalCheck approvals) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
    this.store = store;
  }

  private record Loaded(BackupRecord record, BackupArtefact backup, PoolDatabaseDump dump) {}

  private Loaded load(String backupId) {
    try {
      BackupRecord record = store.describe(backupId).orElseThrow(() -> new BackupStoreException(
          BackupStoreException.Problem.BACKUP_NOT_FOUND, "the backup store has no backup " + backupId));
      if (record.kind() != Kind.POOL_DATABASE) {
        throw XapiFailures.invalid("backup " + backupId + " is a " + record.kind() + ", not a pool database dump");
      }
      BackupArtefact backup = store.get(backupId);
      try {
        return new Loaded(record, backup, PoolDatabaseDump.parse(backup.content()));
      } catch (PoolDatabaseDump.CorruptDumpException e) {
        throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
            "backup " + backupId + " matches its checksum but is not a usable pool database: " + e.getMessage(),
            BACKUP_UNREADABLE);
      }
    } catch (BackupStoreException e) {
      throw BackupFailures.toFailure(e);
    }
  }

  @Override
  public PoolBackupCheck checkPoolBackup(String backupId) {
    Loaded l = load(backupId);
    PoolDatabaseDump d = l.dump();
    int running = (int) d.table("VM").stream().filter(v -> !"true".equals(v.get("is_control_domain")))
        .filter(v -> ACTIVE.contains(v.get("power_state"))).count();
    List<String> shared = d.srs().stream().filter(PoolDatabaseDump.DumpSr::shared)
        .map(s -> s.uuid() + " (" + s.nameLabel() + ", " + s.type() + ")").toList();
    return new PoolBackupCheck(backupId, d.poolUuid(), l.record().takenAt(), l.record().sha256(), l.record().size(),
        l.record().keyId(), d.schemaMajor() + "." + d.schemaMinor(), d.masterHostUuid(),
        d.master().map(PoolDatabaseDump.DumpHost::nameLabel).orElse(""), d.masterNicDevices(),
        d.masterManagementDevice(), d.hosts().size(), d.vmCount(), running, shared,
        d.hosts().stream().map(h -> new BackupHost(h.uuid(), h.nameLabel(), h.address(), h.serial())).toList());
  }

  @Override
  public FreshHostCheck checkFreshHost(String address) {
    HostProbe probe = InspectionActivitiesImpl.probe(pool.connector(), address);
    String kind = StateFingerprint.probeKind(probe);
    if (!(probe instanceof HostProbe.Master)) {
      String problem = probe instanceof HostProbe.Slave s ? "it is already a member of the pool of " + s.masterAddress()
          : probe instanceof HostProbe.Unavailable u ? "its XAPI refuses service (" + u.errorCode() + ")"
          : probe instanceof HostProbe.Unidentified u ? "it answers, but not as an XAPI we can verify (" + u.detail() + ")"
          : "nothing answers at " + address;
      return new FreshHostCheck(address, null, kind, false, problem, 0, 0, List.of(), null,
          new StateFingerprint().add("fresh " + address + " " + kind).digest(), null);
    }
    PoolSnapshot s = pool.on(address, "inspect fresh host " + address, PoolClient::snapshot);
    Host self = s.master().orElseThrow(() -> XapiFailures.notYet(RESTORE_TARGET_NOT_READY,
        address + " answers as master but its pool has no master record yet"));
    int vms = (int) s.vms().stream().filter(v -> !v.controlDomain()).count();
    List<String> nics = s.nicDevicesOf(self.ref());
    String mgmt = s.pifsOf(self.ref()).stream().filter(Pif::management).map(Pif::device).findFirst().orElse(null);
    boolean sharedSr = s.srs().stream().anyMatch(Sr::shared);
    String problem = s.hosts().size() != 1 ? "it is the master of a pool of " + s.hosts().size() + " hosts"
        : vms > 0 ? "it has " + vms + " VMs; a fresh install has none"
        : sharedSr ? "it already has a shared SR (" + XapiErrors.JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS + ")"
        : null;
    String fingerprint = new StateFingerprint()
        .add("fresh " + address + " " + kind)
        .add("host " + self.uuid())
        .add("pool " + s.pool().uuid() + " hosts=" + s.hosts().size() + " vms=" + vms + " sharedSr=" + sharedSr)
        .add("nics " + nics + " mgmt=" + mgmt)
        .digest();
    return new FreshHostCheck(address, self.uuid(), kind, problem == null, problem, s.hosts().size(), vms, nics, mgmt,
        fingerprint, self.serial());
  }

  /**
   * After this long, a target that an earlier attempt sent the restore to and that still serves its
   * old database never took it (the PUT was lost): the restore is sent again. The fuse is 30 s and a
   * reboot a few minutes.
   */
  static final Duration RESEND_AFTER = Duration.ofMinutes(15);

  @Override
  public RestoreAttempt restorePoolDatabase(String targetAddress, String backupId, boolean dryRun,
      ApprovalProof approval) {
    if (!dryRun) {
      approvals.require(approval, GateIds.RESTORE_DATABASE, List.of()); // a dry run changes nothing
    }
    Loaded l = load(backupId);
    String poolUuid = l.dump().poolUuid();
    // the target serves its old database through the 30 s fuse before it reboots: a retry must not PUT again
    Optional<SentMarker> sent = dryRun ? Optional.empty() : SentMarker.earlier();
    HostProbe probe = InspectionActivitiesImpl.probe(pool.connector(), targetAddress);
    if (probe instanceof HostProbe.Unidentified u) {
      throw XapiFailures.refused(XapiFailures.UNIDENTIFIED, "restore target " + targetAddress
          + " answers, but not as an XAPI we can verify (" + u.detail() + "); nothing was restored");
    }
    if (!(probe instanceof HostProbe.Master)) {
      // a target rebooting into the restored database answers nothing for a while
      sent.ifPresent(SentMarker::keep);
      throw XapiFailures.notYet(RESTORE_TARGET_NOT_READY, "restore target " + targetAddress + " "
          + StateFingerprint.probeKind(probe) + "; it must answer as a standalone master");
    }
    return pool.on(targetAddress, (dryRun ? "dry-run " : "") + "restore of " + backupId + " on " + targetAddress, c -> {
      PoolSnapshot s = c.snapshot();
      if (s.pool().uuid().equals(poolUuid)) {
        return sent.isPresent()
            ? new RestoreAttempt(targetAddress, backupId, false, RestoreAttempt.Action.RESTORED, "the restore an "
                + "earlier attempt sent at " + sent.get().sentAt() + " took effect; " + targetAddress + " runs pool "
                + poolUuid)
            : new RestoreAttempt(targetAddress, backupId, dryRun, RestoreAttempt.Action.ALREADY_RESTORED,
                targetAddress + " already runs pool " + poolUuid + " from the backup; nothing sent");
      }
      if (sent.isPresent() && sent.get().within(RESEND_AFTER)) {
        sent.get().keep();
        throw XapiFailures.notYet(RESTORE_TARGET_NOT_READY, "an earlier attempt sent the restore to " + targetAddress
            + " at " + sent.get().sentAt() + "; it reboots into pool " + poolUuid + " (nothing sent again)");
      }
      try {
        if (dryRun) {
          c.restoreDatabase(l.backup().content(), true);
        } else {
          SentMarker.send(() -> c.restoreDatabase(l.backup().content(), false));
        }
      } catch (XapiException e) {
        throw explain(e, targetAddress, s, l.dump());
      }
      log.info("{} of pool database {} on {} accepted", dryRun ? "dry run" : "restore", backupId, targetAddress);
      return dryRun
          ? new RestoreAttempt(targetAddress, backupId, true, RestoreAttempt.Action.DRY_RUN_PASSED,
              "dry run passed: NIC names and schema match")
          : new RestoreAttempt(targetAddress, backupId, false, RestoreAttempt.Action.RESTORED,
              "restore accepted; " + targetAddress + " reboots into pool " + poolUuid);
    });
  }

  /** The NIC refusals with the devices on both sides, so the operator knows which cable or name to fix. */
  private static RuntimeException explain(XapiException e, String target, PoolSnapshot s, PoolDatabaseDump d) {
    List<String> targetNics = s.master().map(h -> s.nicDevicesOf(h.ref())).orElse(List.of());
    String code = e.code();
    String detail;
    if (XapiErrors.RESTORE_TARGET_MISSING_DEVICE.equals(code)) {
      String device = e.params().isEmpty() ? "?" : e.params().get(0);
      detail = "restore target " + target + " has no NIC named " + device + ": the backup's master used "
          + d.masterNicDevices() + ", the target has " + targetNics;
    } else if (XapiErrors.RESTORE_TARGET_MGMT_IF_NOT_IN_BACKUP.equals(code)) {
      String mgmt = s.master().flatMap(h -> s.pifsOf(h.ref()).stream().filter(Pif::management).findFirst())
          .map(Pif::device).orElse("?");
      detail = "restore target " + target + " manages through NIC " + mgmt + ", which the backup's master did not have "
          + "(backup NICs " + e.params() + ")";
    } else if (XapiErrors.RESTORE_INCOMPATIBLE_VERSION.equals(code)) {
      detail = "restore target " + target + " runs another XAPI schema than the backup's " + d.schemaMajor() + "."
          + d.schemaMinor();
    } else {
      return XapiFailures.toApplicationFailure(e, "database restore on " + target);
    }
    if (XapiFailures.isTransient(code)) {
      return XapiFailures.toApplicationFailure(e, "database restore on " + target);
    }
    return XapiFailures.refused(code, code + " " + e.params() + ": " + detail + "; nothing was changed");
  }

  @Override
  public RestoredMaster restoredMaster(String address, String poolUuid) {
    HostProbe probe = InspectionActivitiesImpl.probe(pool.connector(), address);
    if (probe instanceof HostProbe.Master) {
      PoolSnapshot s = pool.on(address, "read the restored pool at " + address, PoolClient::snapshot);
      Optional<Host> master = s.master();
      if (s.pool().uuid().equals(poolUuid) && master.isPresent()) {
        return new RestoredMaster(address, master.get().uuid(), poolUuid);
      }
      throw XapiFailures.notYet(RESTORE_IN_PROGRESS, address + " is master of pool " + s.pool().uuid()
          + ", not yet of the restored pool " + poolUuid);
    }
    throw XapiFailures.notYet(RESTORE_IN_PROGRESS, address + " " + StateFingerprint.probeKind(probe)
        + " while it reboots into the restored database");
  }

  @Override
  public RestoredPoolReport inspectRestoredPool(String masterAddress) {
    PoolSnapshot s = pool.on(masterAddress, "inspect the restored pool", PoolClient::snapshot);
    Host master = s.master().orElseThrow(() -> XapiFailures.notYet(RESTORE_IN_PROGRESS, "no master yet"));
    List<Host> live = s.hosts().stream().filter(Host::live).toList();
    StateFingerprint f = new StateFingerprint().add("pool " + s.pool().uuid() + " master " + master.uuid());
    s.hosts().forEach(h -> f.add("host " + h.uuid() + " live=" + h.live()));
    int running = 0;
    int halted = 0;
    int suspended = 0;
    int onMissing = 0;
    for (Vm vm : s.vms()) {
      if (vm.controlDomain()) {
        continue;
      }
      f.add("vm " + vm.uuid() + " " + vm.powerState().xapiName());
      switch (vm.powerState()) {
        case HALTED -> halted++;
        case SUSPENDED -> suspended++;
        default -> running++;
      }
      if (onMissingHost(s).test(vm) && vm.powerState() != PowerState.SUSPENDED) {
        onMissing++;
      }
    }
    List<SrState> srs = s.srs().stream().filter(Sr::shared).sorted(java.util.Comparator.comparing(Sr::uuid))
        .map(sr -> new SrState(sr.uuid(), sr.nameLabel(), sr.type(), live.size(),
            (int) live.stream().filter(h -> s.srPluggedOn(sr.ref(), h.ref())).count()))
        .toList();
    srs.forEach(sr -> f.add("sr " + sr.srUuid() + " attached " + sr.attachedOnLiveHosts() + "/" + sr.liveHosts()));
    Optional<Sr> def = s.sr(s.pool().defaultSrRef());
    boolean defUsable = def.map(sr -> sr.shared() && !live.isEmpty()
        && live.stream().allMatch(h -> s.srPluggedOn(sr.ref(), h.ref()))).orElse(false);
    return new RestoredPoolReport(s.pool().uuid(), master.uuid(), master.address(), s.hosts().size(), live.size(),
        running + halted + suspended, running, halted, suspended, onMissing, srs, def.map(Sr::uuid).orElse(null),
        defUsable, f.digest());
  }

  /** Running or Paused on a host that is not in the pool any more or not live; or Suspended. */
  private static Predicate<Vm> onMissingHost(PoolSnapshot s) {
    return vm -> switch (vm.powerState()) {
      case HALTED -> false;
      case SUSPENDED -> true;
      default -> s.host(vm.residentOn()).map(h -> !h.live()).orElse(true);
    };
  }

  @Override
  public VmPage vmsToReset(String masterAddress, int offset, int limit) {
    PoolSnapshot s = pool.on(masterAddress, "list VMs on missing hosts", PoolClient::snapshot);
    List<Vm> selected = s.vms().stream().filter(v -> !v.controlDomain()).filter(onMissingHost(s))
        .sorted(java.util.Comparator.comparing(Vm::uuid)).toList();
    StateFingerprint f = new StateFingerprint();
    selected.forEach(v -> f.add(v.uuid() + " " + v.powerState().xapiName() + " on " + v.residentOn()));
    return page(selected.stream().map(Vm::uuid).toList(), offset, limit, f.digest());
  }

  @Override
  public VmPage vmsToStart(String masterAddress, String backupId, int offset, int limit) {
    PoolDatabaseDump d = load(backupId).dump();
    Set<String> wereActive = new java.util.HashSet<>();
    for (Map<String, String> row : d.table("VM")) {
      if (!"true".equals(row.get("is_control_domain")) && ACTIVE.contains(row.get("power_state"))) {
        wereActive.add(row.get("uuid"));
      }
    }
    PoolSnapshot s = pool.on(masterAddress, "list VMs to start", PoolClient::snapshot);
    List<String> selected = s.vms().stream().filter(v -> !v.controlDomain()).map(Vm::uuid)
        .filter(wereActive::contains).sorted().toList();
    return page(selected, offset, limit, new StateFingerprint().addAll(selected).digest());
  }

  private static VmPage page(List<String> all, int offset, int limit, String fingerprint) {
    if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
      throw XapiFailures.invalid("page offset must be >= 0 and limit 1.." + MAX_PAGE + ", got " + offset + "/" + limit);
    }
    int from = Math.min(offset, all.size());
    return new VmPage(all.size(), from, all.subList(from, Math.min(all.size(), from + limit)), fingerprint);
  }

  @Override
  public JoinedHost joinedHost(String masterAddress, String hostAddress) {
    PoolSnapshot s = pool.on(masterAddress, "look for " + hostAddress + " in the pool", PoolClient::snapshot);
    Optional<Host> h = s.hosts().stream().filter(x -> hostAddress.equals(x.address())).findFirst();
    if (h.isPresent() && h.get().live()) {
      return new JoinedHost(hostAddress, h.get().uuid(), true, h.get().enabled());
    }
    throw XapiFailures.notYet(HOST_NOT_JOINED, hostAddress + (h.isPresent() ? " is in the pool but not live yet"
        : " is not in the pool of " + masterAddress + " yet"));
  }
}
