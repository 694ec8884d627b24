package io.poolrescue.activities.backup;

import io.poolrescue.activities.backup.BackupStoreException;
import io.temporal.failure.ApplicationFailure;

/** Turns backup store refusals into activity failures whose type names the problem. */
public final class BackupFailures {
  private BackupFailures() {}

  /** A missing, corrupt or undecryptable backup stays so on retry; only an I/O problem is worth retrying. */
  public static RuntimeException toFailure(BackupStoreException e) {
    String type = e.problem().name();
    if (e.problem() == BackupStoreException.Problem.BACKUP_STORE_IO) {
      return ApplicationFailure.newFailureWithCause(e.getMessage(), type, e);
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), type, e);
  }
}
