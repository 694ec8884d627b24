package io.poolrescue.activities.backup;

/** A backup cannot be stored or read back; {@link #problem()} says which way it failed. */
public final class BackupStoreException extends RuntimeException {

  /** The ways a backup store refuses; the activities use the name as the failure type. */
  public enum Problem {
    /** The id is malformed or names no stored backup. */
    BACKUP_NOT_FOUND,
    /** The content no longer matches what was written (checksum, GCM tag, header). */
    BACKUP_CORRUPT,
    /** The backup is (or must be) encrypted and no key is configured. */
    BACKUP_KEY_MISSING,
    /** The backup was encrypted with a key that is not configured. */
    BACKUP_KEY_MISMATCH,
    /** The store's directory cannot be read or written. */
    BACKUP_STORE_IO
  }

  private final Problem problem;

  public BackupStoreException(Problem problem, String message) {
    this(problem, message, null);
  }

  public BackupStoreException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
