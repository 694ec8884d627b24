package io.poolrescue.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes an Ed25519 key pair without a passphrase with the real {@code ssh-keygen}: for the dev
 * stack's and the demo's personas, and for tests. People use their own keys.
 */
public final class SshKeyGenerator {
  private SshKeyGenerator() {}

  /** Writes {@code keyFile} (owner-only) and {@code keyFile.pub}; an existing pair is kept as it is. */
  public static SshKeygenSigner ed25519(Path keyFile, String comment) {
    if (!Files.exists(keyFile)) {
      try {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f",
            keyFile.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException("ssh-keygen could not create " + keyFile + ": " + out.strip());
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot run ssh-keygen (" + e.getMessage() + "); it comes with OpenSSH, e.g. "
            + "the Debian package openssh-client", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while ssh-keygen made " + keyFile, e);
      }
    }
    return new SshKeygenSigner(keyFile);
  }

  /** One {@code allowed_signers} line: these principals may sign with this key for namespace poolrescue. */
  public static String allowedSignersLine(String principals, SshPublicKey key, String namespace) {
    return principals + " namespaces=\"" + namespace + "\" " + key.toOpenSsh();
  }
}
