package io.poolrescue.client.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a payload key file: the first seals new payloads, all of them open old ones, so a key
 * can be rotated by adding a new first line and keeping the old key below it.
 *
 * <p>File format (the same as the backup store's key file): one base64 AES-256 key per line, blank
 * lines and {@code #} comments ignored, e.g. made with {@code head -c 32 /dev/urandom | base64 > FILE}.
 * A file of exactly 32 raw bytes is read as one key.
 */
public final class PayloadKeyring {

  static final String HOW_TO_CREATE = "create one with: head -c 32 /dev/urandom | base64 > FILE";

  private final List<EncryptionKey> keys;

  public PayloadKeyring(List<EncryptionKey> keys) {
    if (keys.isEmpty()) {
      throw new KeyFileException("a keyring needs at least one key");
    }
    this.keys = List.copyOf(keys);
  }

  public static PayloadKeyring of(EncryptionKey... keys) {
    return new PayloadKeyring(List.of(keys));
  }

  /** Reads a key file; any problem is a {@link KeyFileException} that names the file, the line and the fix. */
  public static PayloadKeyring read(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyFileException("key file " + file + " does not exist (" + HOW_TO_CREATE + ")");
    } catch (IOException e) {
      throw new KeyFileException("key file " + file + " cannot be read: " + e.getMessage());
    }
    try {
      if (content.length == EncryptionKey.KEY_BYTES && !isBase64Text(content)) {
        return of(EncryptionKey.ofBytes(content));
      }
      return new PayloadKeyring(parseLines(new String(content, StandardCharsets.US_ASCII), file));
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static List<EncryptionKey> parseLines(String text, Path file) {
    List<EncryptionKey> keys = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(line);
      } catch (IllegalArgumentException e) {
        throw new KeyFileException(
            "key file " + file + " line " + (i + 1) + " is not base64 text (" + HOW_TO_CREATE + ")");
      }
      if (raw.length != EncryptionKey.KEY_BYTES) {
        throw new KeyFileException(
            "key file " + file + " line " + (i + 1) + " holds a " + raw.length + "-byte key; AES-256 needs "
                + EncryptionKey.KEY_BYTES + " bytes (" + HOW_TO_CREATE + ")");
      }
      keys.add(EncryptionKey.ofBytes(raw));
      Arrays.fill(raw, (byte) 0);
    }
    if (keys.isEmpty()) {
      throw new KeyFileException("key file " + file + " holds no key (" + HOW_TO_CREATE + ")");
    }
    return keys;
  }

  private static boolean isBase64Text(byte[] content) {
    for (byte b : content) {
      boolean ok = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
          || b == '+' || b == '/' || b == '=' || b == '\n' || b == '\r' || b == '#' || b == ' ';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The key that seals new payloads. */
  public EncryptionKey current() {
    return keys.get(0);
  }

  public Optional<EncryptionKey> find(String keyId) {
    return keys.stream().filter(k -> k.id().equals(keyId)).findFirst();
  }

  public List<String> ids() {
    return keys.stream().map(EncryptionKey::id).toList();
  }

  @Override
  public String toString() {
    return "PayloadKeyring" + ids();
  }
}
