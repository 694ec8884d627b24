package io.poolrescue.activities.backup;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class BackupActivitiesImpl implements BackupActivities {
  private static final Logger log = LoggerFactory.getLogger(BackupActivitiesImpl.class);
  private final PoolAccess pool;
  private final BackupStore store;

  public BackupActivitiesImpl(PoolConnector connector, BackupStore store) {
    this.pool = new PoolAccess(connector);
    this.store = store;
  }

  @Override
  public StoredBackup backupHost(String poolAddress, String hostUuid) {
    return pool.on(poolAddress, "back up host " + hostUuid, c -> {
      PoolSnapshot s = c.snapshot();
      if (s.hostByUuid(hostUuid).isEmpty()) {
        throw XapiFailures.refused(XapiErrors.UUID_INVALID, "no host " + hostUuid + " in the pool");
      }
      byte[] image = c.hostBackup(hostUuid);
      StoredBackup stored = store.put(new BackupArtefact(BackupArtefact.Kind.HOST_BACKUP, hostUuid, s.takenAt(), image));
      log.info("host {} backed up as {} ({} bytes)", hostUuid, stored.id(), stored.size());
      return stored;
    });
  }

  @Override
  public HostRestoreResult restoreHost(String hostAddress, String backupId) {
    BackupArtefact a = StoreAccess.read(store, backupId, BackupArtefact.Kind.HOST_BACKUP);
    // Uploading stages the image; it is applied only by the installer's "Restore from backup", so a
    // repeated upload of the same image leaves the host as one upload would.
    pool.run(hostAddress, "upload host backup " + backupId + " to " + hostAddress, c -> c.hostRestore(a.content()));
    log.warn("host backup {} uploaded to {} (host_restore)", backupId, hostAddress);
    return new HostRestoreResult(hostAddress, backupId, a.sha256());
  }

  @Override
  public StoredBackup exportVmMetadata(String poolAddress, String vmUuid) {
    return pool.on(poolAddress, "export metadata of VM " + vmUuid, c -> {
      PoolSnapshot s = c.snapshot();
      if (s.vmByUuid(vmUuid).isEmpty()) {
        throw XapiFailures.refused(XapiErrors.UUID_INVALID, "no VM " + vmUuid + " in the pool");
      }
      byte[] export = c.exportVmMetadata(vmUuid);
      return store.put(new BackupArtefact(BackupArtefact.Kind.VM_METADATA, vmUuid, s.takenAt(), export));
    });
  }

  @Override
  public MetadataImportResult importVmMetadata(MetadataImportRequest r) {
    BackupArtefact a = StoreAccess.read(store, r.backupId(), BackupArtefact.Kind.VM_METADATA);
    return pool.on(r.poolAddress(), "import VM metadata " + r.backupId() + (r.force() ? " with force" : ""), c -> {
      if (!r.dryRun() && !r.replaceExisting() && c.snapshot().vmByUuid(a.subjectUuid()).isPresent()) {
        return new MetadataImportResult(r.backupId(), MetadataImportResult.Action.ALREADY_PRESENT,
            List.of(a.subjectUuid()), "VM " + a.subjectUuid() + " already exists");
      }
      List<String> vms = c.importVmMetadata(a.content(), r.force(), r.dryRun());
      log.info("metadata import of {} (force={}, dry run={}): {}", r.backupId(), r.force(), r.dryRun(), vms);
      return new MetadataImportResult(r.backupId(),
          r.dryRun() ? MetadataImportResult.Action.DRY_RUN_OK : MetadataImportResult.Action.IMPORTED, vms,
          r.force() ? "imported with force (best effort)" : "imported");
    });
  }

  @Override
  public BackupCheck checkBackup(String backupId, BackupArtefact.Kind expectedKind) {
    StoredBackup meta = store.describe(backupId).orElse(null);
    if (meta == null) {
      return new BackupCheck(null, false, "no backup " + backupId + " in the backup store");
    }
    if (meta.kind() != expectedKind) {
      return new BackupCheck(meta, false, "backup " + backupId + " is a " + meta.kind() + ", not a " + expectedKind);
    }
    try {
      store.get(backupId);
      return new BackupCheck(meta, true, null);
    } catch (CorruptBackupException | BackupNotFoundException e) {
      return new BackupCheck(meta, false, e.getMessage());
    }
  }

  @Override
  public List<StoredBackup> listBackups(BackupArtefact.Kind kind, String subjectUuid) {
    return store.list(kind, subjectUuid);
  }

  @Override
  public List<String> pruneBackups(BackupArtefact.Kind kind, String subjectUuid, int retain) {
    if (retain < 1) {
      throw XapiFailures.invalid("retain must be at least 1, got " + retain);
    }
    List<StoredBackup> all = store.list(kind, subjectUuid);
    List<String> deleted = new ArrayList<>();
    for (StoredBackup b : all.subList(Math.min(retain, all.size()), all.size())) {
      store.delete(b.id());
      deleted.add(b.id());
    }
    return deleted;
  }
}
