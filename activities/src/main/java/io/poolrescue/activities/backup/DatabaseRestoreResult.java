package io.poolrescue.activities.backup;

/** What a pool database restore did on the target host. */
public record DatabaseRestoreResult(String targetAddress, String backupId, boolean dryRun, Action action, String detail) {

  public enum Action {
    /** The dry run passed (NIC names, schema). */
    DRY_RUN_OK,
    /** The database was written; the host reboots into it (about 30 s). */
    RESTORE_STARTED,
    /** The target is already the master of the restored pool. */
    ALREADY_RESTORED
  }
}
