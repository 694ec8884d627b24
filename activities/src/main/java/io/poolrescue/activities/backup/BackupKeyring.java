package io.poolrescue.activities.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The keys a backup store may use: the first seals new backups, the others still open older ones
 * (key rotation). Loaded from a key file holding one base64 AES-256 key per line, current key first;
 * blank lines and lines starting with '#' are ignored.
 */
public final class BackupKeyring {
  private final List<BackupKey> keys;

  public BackupKeyring(List<BackupKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a keyring needs at least one key");
    }
    this.keys = List.copyOf(keys);
  }

  public static BackupKeyring of(BackupKey... keys) {
    return new BackupKeyring(List.of(keys));
  }

  /** Reads a key file; a missing, unreadable or malformed file is a clear error naming the file and line. */
  public static BackupKeyring load(Path keyFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(keyFile);
    } catch (IOException e) {
      throw new BackupStoreException(
          BackupStoreException.Problem.BACKUP_KEY_MISSING, "cannot read backup key file " + keyFile + ": " + e, e);
    }
    List<BackupKey> keys = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        keys.add(new BackupKey(Base64.getDecoder().decode(line)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "backup key file " + keyFile + " line " + (i + 1) + ": not a base64 AES-256 key (" + e.getMessage() + ")");
      }
    }
    if (keys.isEmpty()) {
      throw new BackupStoreException(
          BackupStoreException.Problem.BACKUP_KEY_MISSING, "backup key file " + keyFile + " holds no key");
    }
    return new BackupKeyring(keys);
  }

  /** Writes a new random key file readable by its owner only (for setup and the dev stack). */
  public static BackupKeyring generate(Path keyFile) {
    byte[] raw = new byte[BackupKey.LENGTH_BYTES];
    new SecureRandom().nextBytes(raw);
    try {
      Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new BackupStoreException(
          BackupStoreException.Problem.BACKUP_STORE_IO, "cannot create backup key file " + keyFile + ": " + e, e);
    }
    return of(new BackupKey(raw));
  }

  public BackupKey current() {
    return keys.get(0);
  }

  public Optional<BackupKey> byId(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  public List<String> ids() {
    return keys.stream().map(BackupKey::id).toList();
  }
}
