package io.poolrescue.activities.backup;

import io.poolrescue.activities.backup.BackupStoreException.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing of one backup file. Layout: magic {@code PRBK}, format version, key id length,
 * key id, 12-byte random IV, then ciphertext with its 16-byte tag. The header and the backup id are
 * authenticated data, so a file cannot be moved to another id or have its key id edited unnoticed.
 */
final class BackupCipher {
  private static final byte[] MAGIC = {'P', 'R', 'B', 'K'};
  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private BackupCipher() {}

  static boolean looksSealed(byte[] file) {
    return file.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC);
  }

  static byte[] seal(BackupKey key, String backupId, byte[] plaintext) {
    byte[] keyId = key.id().getBytes(StandardCharsets.US_ASCII);
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + keyId.length + IV_BYTES);
    header.put(MAGIC).put(VERSION).put((byte) keyId.length).put(keyId).put(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(header.array());
      cipher.updateAAD(backupId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(header.capacity() + sealed.length).put(header.array()).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is part of every JRE 17", e);
    }
  }

  /** The key id a sealed file names in its header. */
  static String keyIdOf(String backupId, byte[] file) {
    return parse(backupId, file).keyId;
  }

  static byte[] open(BackupKeyring keys, String backupId, byte[] file) {
    Header h = parse(backupId, file);
    BackupKey key =
        keys.byId(h.keyId)
            .orElseThrow(
                () ->
                    new BackupStoreException(
                        Problem.BACKUP_KEY_MISMATCH,
                        "backup "
                            + backupId
                            + " is encrypted with key "
                            + h.keyId
                            + ", the configured backup keys are "
                            + keys.ids()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, h.iv));
      cipher.updateAAD(file, 0, h.length);
      cipher.updateAAD(backupId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(file, h.length, file.length - h.length);
    } catch (AEADBadTagException e) {
      throw new BackupStoreException(
          Problem.BACKUP_CORRUPT,
          "backup " + backupId + " fails AES-GCM authentication: the file was altered or truncated",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is part of every JRE 17", e);
    }
  }

  private record Header(String keyId, byte[] iv, int length) {}

  private static Header parse(String backupId, byte[] file) {
    if (!looksSealed(file) || file.length < MAGIC.length + 2) {
      throw new BackupStoreException(Problem.BACKUP_CORRUPT, "backup " + backupId + " has no encryption header");
    }
    if (file[MAGIC.length] != VERSION) {
      throw new BackupStoreException(
          Problem.BACKUP_CORRUPT, "backup " + backupId + " has unknown encryption format " + file[MAGIC.length]);
    }
    int idLen = file[MAGIC.length + 1] & 0xff;
    int ivAt = MAGIC.length + 2 + idLen;
    int length = ivAt + IV_BYTES;
    if (file.length < length + TAG_BITS / 8) {
      throw new BackupStoreException(Problem.BACKUP_CORRUPT, "backup " + backupId + " is truncated");
    }
    String keyId = new String(file, MAGIC.length + 2, idLen, StandardCharsets.US_ASCII);
    return new Header(keyId, Arrays.copyOfRange(file, ivAt, length), length);
  }
}
