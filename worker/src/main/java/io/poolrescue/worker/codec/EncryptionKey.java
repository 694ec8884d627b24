package io.poolrescue.worker.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key read from a key file, with a short id derived from it.
 *
 * <p>The file holds either the 32 raw bytes or their base64 text (44 characters, e.g. made with
 * {@code head -c 32 /dev/urandom | base64 > poolrescue.key}). The id is a prefix of the key's
 * SHA-256, so it names the key in payload metadata without revealing it, and a payload sealed
 * with another key is recognised before any decryption is tried.
 */
public final class EncryptionKey {

  public static final int KEY_BYTES = 32;
  static final String HOW_TO_CREATE = "create one with: head -c 32 /dev/urandom | base64 > FILE";

  private final SecretKey key;
  private final String id;

  private EncryptionKey(byte[] raw) {
    this.key = new SecretKeySpec(raw, "AES");
    this.id = idOf(raw);
  }

  /** Builds a key from 32 raw bytes (tests, key generation). */
  public static EncryptionKey ofBytes(byte[] raw) {
    if (raw.length != KEY_BYTES) {
      throw new KeyFileException("an AES-256 key is " + KEY_BYTES + " bytes, got " + raw.length);
    }
    return new EncryptionKey(raw.clone());
  }

  /** Reads a key file; any problem is a {@link KeyFileException} that names the file and the fix. */
  public static EncryptionKey read(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyFileException("key file " + file + " does not exist (" + HOW_TO_CREATE + ")");
    } catch (IOException e) {
      throw new KeyFileException("key file " + file + " cannot be read: " + e.getMessage());
    }
    try {
      return new EncryptionKey(decode(content, file));
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static byte[] decode(byte[] content, Path file) {
    if (content.length == KEY_BYTES) {
      return content.clone();
    }
    String text = new String(content, StandardCharsets.US_ASCII).strip();
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(
          "key file " + file + " holds " + content.length + " bytes that are neither a raw 32-byte key"
              + " nor base64 text (" + HOW_TO_CREATE + ")");
    }
    if (raw.length != KEY_BYTES) {
      throw new KeyFileException(
          "key file " + file + " holds a " + raw.length + "-byte key; AES-256 needs " + KEY_BYTES
              + " bytes (" + HOW_TO_CREATE + ")");
    }
    return raw;
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
