package io.poolrescue.client.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 256-bit AES key with a short id derived from it. The id is a prefix of the key's SHA-256, so
 * it names the key in payload metadata without revealing it, and a payload sealed with another key
 * is recognised before any decryption is tried.
 */
public final class EncryptionKey {

  public static final int KEY_BYTES = 32;

  private final SecretKey key;
  private final String id;

  private EncryptionKey(byte[] raw) {
    this.key = new SecretKeySpec(raw, "AES");
    this.id = idOf(raw);
  }

  /** Builds a key from 32 raw bytes. */
  public static EncryptionKey ofBytes(byte[] raw) {
    if (raw.length != KEY_BYTES) {
      throw new KeyFileException("an AES-256 key is " + KEY_BYTES + " bytes, got " + raw.length);
    }
    return new EncryptionKey(raw.clone());
  }

  private static String idOf(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return "k-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  SecretKey secretKey() {
    return key;
  }

  /** A short, non-secret name of this key, stored in every payload it seals. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return "EncryptionKey[" + id + "]";
  }
}
