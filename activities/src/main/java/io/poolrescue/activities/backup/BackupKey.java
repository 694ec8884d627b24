package io.poolrescue.activities.backup;

import io.poolrescue.pool.model.BackupArtefact;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key for backups at rest. Its id is derived from the key itself, so a file records
 * which key sealed it without the store keeping any key metadata, and the id reveals nothing usable.
 */
public final class BackupKey {
  public static final int LENGTH_BYTES = 32;

  private final String id;
  private final SecretKey secret;

  public BackupKey(byte[] raw) {
    if (raw.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "a backup key must be " + LENGTH_BYTES + " bytes (AES-256), got " + raw.length);
    }
    byte[] label = "poolrescue-backup-key:".getBytes(StandardCharsets.US_ASCII);
    byte[] labelled = Arrays.copyOf(label, label.length + raw.length);
    System.arraycopy(raw, 0, labelled, label.length, raw.length);
    this.id = BackupArtefact.sha256(labelled).substring(0, 16);
    this.secret = new SecretKeySpec(raw.clone(), "AES");
  }

  public String id() {
    return id;
  }

  SecretKey secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "BackupKey[" + id + "]"; // never the key material
  }
}
