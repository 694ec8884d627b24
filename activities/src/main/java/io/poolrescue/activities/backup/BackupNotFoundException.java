package io.poolrescue.activities.backup;

/** No backup with that id in the store. */
public class BackupNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupNotFoundException(String id) {
    super("no backup " + id + " in the backup store");
  }
}
