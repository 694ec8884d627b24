package io.poolrescue.console;

import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the worker's WebAuthn credentials file; the worker reads the same file for each run it starts. */
final class CredentialsFile {
  private CredentialsFile() {}

  static WebAuthnCredentials read(Path file) {
    if (file == null) {
      return WebAuthnCredentials.none();
    }
    try {
      return WebAuthnCredentials.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("the WebAuthn credentials file " + file + " cannot be read", e);
    }
  }
}
