package io.poolrescue.activities.backup;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The pool database: dump into the store, restore onto a fresh host. */
@ActivityInterface(namePrefix = "Database")
public interface DatabaseActivities {

  /** {@code GET /pool/xmldbdump} into the store (encrypted at rest by stores that encrypt: it holds pool secrets). */
  @ActivityMethod
  StoredBackup dumpDatabase(String poolAddress);

  /**
   * {@code PUT /pool/xmldbdump?dry_run=} of a stored dump on the host at {@code targetAddress}.
   * A real restore is not repeated once the target is master of the restored pool.
   */
  @ActivityMethod
  DatabaseRestoreResult restoreDatabase(String targetAddress, String backupId, boolean dryRun);
}
