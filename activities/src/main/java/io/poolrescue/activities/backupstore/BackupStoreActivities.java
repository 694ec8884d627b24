package io.poolrescue.activities.backupstore;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/**
 * Taking backups into the worker's backup store (the PoolBackup workflow). Every backup of a round is
 * stamped with the round's instant, so a retried activity finds what it already stored and does not
 * store it twice.
 */
@ActivityInterface
public interface BackupStoreActivities {

  /** {@code GET /pool/xmldbdump} from the master, stored encrypted under the pool's uuid. */
  BackupRecord storePoolDatabaseDump(String poolAddress, Instant roundAt);

  /** {@code GET /host_backup} of every live host, each stored under its host uuid. Heartbeats per host. */
  BackupBatchResult storeHostBackups(String poolAddress, Instant roundAt);

  /** {@code GET /export_metadata} of every VM (control domains excluded). Heartbeats as it goes. */
  BackupBatchResult storeVmMetadataExports(String poolAddress, Instant roundAt);

  /**
   * Keeps the {@code keep} newest backups of each subject of that kind that belongs to this pool (the
   * pool itself, its hosts, its VMs); other pools' backups in the same store are never touched.
   */
  RetentionResult pruneBackups(String poolAddress, Kind kind, int keep);

  /**
   * Keeps the backup out of retention while the calling run uses it (a restore, until it ends); a
   * hold whose run has ended is released by the next retention. Failure type BACKUP_NOT_FOUND when
   * there is no such backup.
   */
  void holdBackup(String backupId);

  /** Gives the backup back to retention; idempotent. */
  void releaseBackup(String backupId);
}
