package io.poolrescue.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The simulated world's passwords (its XAPI root, its BMCs) as files readable by their owner only, so
 * that workers and inventories refer to them ({@code file:<path>}) as they do on real hardware.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /** Writes {@code secret} and a line break to {@code file} (parents created); returns the file. */
  public static Path write(Path file, String secret) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own permissions are all there is
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
