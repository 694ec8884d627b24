package io.poolrescue.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An OpenSSH public key: its type name and its wire-format blob (what the base64 of a {@code .pub}
 * line decodes to). Two keys are equal when type and blob bytes are, which is how OpenSSH compares
 * an allowed_signers key with the key in a signature.
 */
public record SshPublicKey(String type, byte[] blob) {

  public SshPublicKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(blob, "blob");
    blob = blob.clone();
    String inner;
    try {
      inner = new SshBuffer(blob).utf8();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + type + " key data is not an SSH public key: " + e.getMessage(), e);
    }
    if (!inner.equals(type)) {
      throw new IllegalArgumentException("the key is labelled " + type + " but its data is a " + inner + " key");
    }
  }

  /**
   * Reads {@code "type base64 [comment]"} as in a {@code .pub} file or authorized_keys line without
   * options. Keys of the supported types are checked down to their numbers, so a damaged key is
   * refused here and not at the first signature.
   */
  public static SshPublicKey parse(String openSshLine) {
    Objects.requireNonNull(openSshLine, "openSshLine");
    String[] fields = openSshLine.strip().split("[ \t]+", 3);
    if (fields.length < 2 || fields[0].isEmpty()) {
      throw new IllegalArgumentException("not an OpenSSH public key (expected 'type base64 [comment]')");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(fields[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + fields[0] + " key is not valid base64", e);
    }
    SshPublicKey key = new SshPublicKey(fields[0], blob);
    if (SshKeyTypes.SUPPORTED.contains(key.type)) {
      try {
        SshKeyDecoder.decode(key);
      } catch (SignatureRefused e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    return key;
  }

  /** A copy: the key stays immutable. */
  @Override
  public byte[] blob() {
    return blob.clone();
  }

  /** {@code SHA256:} and the unpadded base64 of the blob's SHA-256, as {@code ssh-keygen -lf} prints it. */
  public String fingerprint() {
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(blob));
  }

  /** {@code "type base64"}, the form of a {@code .pub} line without its comment. */
  public String toOpenSsh() {
    return type + " " + Base64.getEncoder().encodeToString(blob);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SshPublicKey k && type.equals(k.type) && Arrays.equals(blob, k.blob);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return type + " " + fingerprint();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
