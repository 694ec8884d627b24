package io.poolrescue.activities.poolrestore;

/** What a pool database restore call did on its target. */
public record RestoreAttempt(String targetAddress, String backupId, boolean dryRun, Action action, String detail) {

  public enum Action {
    /** {@code PUT /pool/xmldbdump?dry_run=true} passed: NIC names and schema match. */
    DRY_RUN_PASSED,
    /** The restore was sent; the target reboots into the restored database. */
    RESTORED,
    /** The target already runs the backup's pool: nothing was sent. */
    ALREADY_RESTORED
  }

  public boolean changedPool() {
    return action == Action.RESTORED;
  }
}
