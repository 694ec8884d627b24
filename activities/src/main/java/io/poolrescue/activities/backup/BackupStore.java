package io.poolrescue.activities.backup;

import io.poolrescue.pool.model.BackupArtefact;
import java.util.List;
import java.util.Optional;

/**
 * Where backups live between the backup run and a recovery. Content never goes through Temporal:
 * activities read and write it here and pass {@link StoredBackup} descriptions around.
 */
public interface BackupStore {

  /** Stores the artefact and returns its description (with a fresh id). */
  StoredBackup put(BackupArtefact artefact);

  /** The artefact, after checking its checksum. */
  BackupArtefact get(String id) throws BackupNotFoundException, CorruptBackupException;

  Optional<StoredBackup> describe(String id);

  /** Backups of a kind (and subject, when not null), newest first. */
  List<StoredBackup> list(BackupArtefact.Kind kind, String subjectUuid);

  /** Removes a backup; an unknown id is not an error. */
  void delete(String id);
}
