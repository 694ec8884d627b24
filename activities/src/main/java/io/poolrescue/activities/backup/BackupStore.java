package io.poolrescue.activities.backup;

import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import java.util.List;
import java.util.Optional;

/**
 * Where backups live between the PoolBackup workflow that takes them and the procedures that restore
 * them. Every content read back is checked against the SHA-256 recorded when it was written.
 */
public interface BackupStore {

  /** The id a backup of that kind, subject and instant has (or would have) in any store. */
  static String idOf(Kind kind, String subjectUuid, java.time.Instant takenAt) {
    return BackupIds.id(kind, subjectUuid, takenAt);
  }

  /**
   * Stores a backup and returns its record. There is one backup per kind, subject and instant: a
   * second put for the same instant (a retried backup round) keeps the first and returns its record.
   */
  BackupRecord put(BackupArtefact artefact);

  /** The backup's content, verified; {@link BackupStoreException} when missing, corrupt or undecryptable. */
  BackupArtefact get(String id);

  /** The record of a backup without reading its content. */
  Optional<BackupRecord> describe(String id);

  /** Backups of a kind, newest first; a null subject lists every subject. */
  List<BackupRecord> list(Kind kind, String subjectUuid);

  /** The newest backup of that kind and subject. */
  default Optional<BackupRecord> newest(Kind kind, String subjectUuid) {
    return list(kind, subjectUuid).stream().findFirst();
  }

  /**
   * Keeps the {@code keep} newest backups of each subject of a kind (only that subject when given)
   * and deletes the rest; returns the records deleted.
   */
  List<BackupRecord> retain(Kind kind, String subjectUuid, int keep);

  /**
   * Keeps backup {@code id} out of retention while {@code holder} (a run's workflow id) uses it;
   * holding it again changes nothing. {@link BackupStoreException} when there is no such backup.
   */
  void hold(String id, String holder);

  /** Gives the backup back to retention as far as {@code holder} is concerned; idempotent. */
  void release(String id, String holder);

  /** Who holds a backup now (empty: retention may delete it). */
  List<String> holders(String id);
}
