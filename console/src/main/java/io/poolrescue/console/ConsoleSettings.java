package io.poolrescue.console;

import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import java.net.URI;
import java.nio.file.Path;

/**
 * Everything the console knows beyond what Temporal tells it: where it listens, the credentials file
 * the worker's policy names (read on each request, so an enrolment an administrator adds shows at
 * once), and, on the dev stack, the admin endpoint that shows the pool.
 *
 * @param credentialsFile the worker's WebAuthn credentials file, or null: the console is read-only
 * @param devAdmin the dev stack's admin endpoint, or null on a real cluster (no pool page then)
 * @param tls the certificate to serve HTTPS with, or null for plain HTTP (localhost only)
 */
public record ConsoleSettings(String bind, int port, Path credentialsFile, URI devAdmin, TlsKeystore tls) {

  public ConsoleSettings(String bind, int port, Path credentialsFile, URI devAdmin) {
    this(bind, port, credentialsFile, devAdmin, null);
  }

  /** A PKCS#12 keystore (certificate chain and private key) and the file holding its password. */
  public record TlsKeystore(Path keystore, Path passwordFile) {}

  /** The largest request body the console reads: a decision or a start is a few KiB. */
  public static final long MAX_BODY_BYTES = 64 * 1024;

  public WebAuthnCredentials credentials() {
    return CredentialsFile.read(credentialsFile);
  }
}
