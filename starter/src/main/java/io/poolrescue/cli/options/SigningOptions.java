package io.poolrescue.cli.options;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.signing.SshKeygenSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --key FILE}: sign with this SSH key, through {@code ssh-keygen -Y sign}, so keys held by
 * ssh-agent or a security key work (give the {@code .pub} file then). Where the worker's policy
 * accepts unsigned starts or decisions, leaving it out is allowed.
 */
public class SigningOptions {
  @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_SIGNING_KEY}",
      description = "SSH key that signs (private key, or the .pub of a key in ssh-agent); env POOLRESCUE_SIGNING_KEY")
  public Path key;

  public Optional<SshKeygenSigner> signer() {
    if (key == null || key.toString().isBlank()) {
      return Optional.empty();
    }
    if (!Files.isReadable(key)) {
      throw CliFailure.badInput("--key " + key + ": no such readable file");
    }
    return Optional.of(new SshKeygenSigner(key));
  }
}
