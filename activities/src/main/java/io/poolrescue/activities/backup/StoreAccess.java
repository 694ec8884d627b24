package io.poolrescue.activities.backup;

import io.poolrescue.activities.XapiFailures;
import io.poolrescue.pool.model.BackupArtefact;

/** Reads from the store with its failures mapped for Temporal. */
final class StoreAccess {
  private StoreAccess() {}

  static BackupArtefact read(BackupStore store, String id, BackupArtefact.Kind expected) {
    BackupArtefact a;
    try {
      a = store.get(id);
    } catch (BackupNotFoundException e) {
      throw XapiFailures.backup(XapiFailures.BACKUP_NOT_FOUND, e);
    } catch (CorruptBackupException e) {
      throw XapiFailures.backup(XapiFailures.BACKUP_CORRUPT, e);
    }
    if (a.kind() != expected) {
      throw XapiFailures.invalid("backup " + id + " is a " + a.kind() + ", not a " + expected);
    }
    return a;
  }
}
