package io.poolrescue.activities.backup;

/** A backup whose content no longer matches its checksum, or cannot be decrypted. */
public class CorruptBackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptBackupException(String id, String why) {
    super("backup " + id + " is corrupt: " + why);
  }
}
