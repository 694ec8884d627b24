package io.poolrescue.activities.backup;

import io.poolrescue.pool.model.BackupArtefact;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Host backups, VM metadata exports and imports, and the backup store's housekeeping. */
@ActivityInterface(namePrefix = "Backup")
public interface BackupActivities {

  /** {@code GET /host_backup} of the host, into the store. */
  @ActivityMethod
  StoredBackup backupHost(String poolAddress, String hostUuid);

  /** {@code PUT /host_restore} of a stored host backup on the host at {@code hostAddress}. */
  @ActivityMethod
  HostRestoreResult restoreHost(String hostAddress, String backupId);

  /** {@code GET /export_metadata?uuid=} of the VM, into the store. */
  @ActivityMethod
  StoredBackup exportVmMetadata(String poolAddress, String vmUuid);

  /** {@code PUT /import_metadata} of a stored export; a VM that already exists is not imported again. */
  @ActivityMethod
  MetadataImportResult importVmMetadata(MetadataImportRequest request);

  /** Present, checksum right, and of the expected kind. Never fails for a bad backup: says why instead. */
  @ActivityMethod
  BackupCheck checkBackup(String backupId, BackupArtefact.Kind expectedKind);

  /** Backups of a kind (and subject, when not null), newest first. */
  @ActivityMethod
  List<StoredBackup> listBackups(BackupArtefact.Kind kind, String subjectUuid);

  /** Keeps the newest {@code retain} backups of that kind and subject; returns the ids deleted. */
  @ActivityMethod
  List<String> pruneBackups(BackupArtefact.Kind kind, String subjectUuid, int retain);
}
