package io.poolrescue.workflows.testing;

import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.PolicyReader;
import io.poolrescue.signing.SshKeyGenerator;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.signing.SshPublicKey;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.signing.SignedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People with real SSH keys for a test: each key made by the real {@code ssh-keygen}, an
 * {@code allowed_signers} file listing whom the test chooses, and a policy file beside it.
 */
public final class Personas {
  private final Path dir;
  private final Map<String, Path> keys = new LinkedHashMap<>();
  private final List<String> signerLines = new ArrayList<>();

  public Personas(Path dir) {
    this.dir = dir;
  }

  /** Creates an Ed25519 key for {@code name} (not yet listed as a signer). */
  public Personas key(String name) {
    Path key = dir.resolve(name);
    SshKeyGenerator.ed25519(key, name);
    keys.put(name, key);
    return this;
  }

  /** Lists {@code principals} (comma-separated) as signers with {@code keyOf}'s key, namespace poolrescue. */
  public Personas allow(String principals, String keyOf) {
    signerLines.add(SshKeyGenerator.allowedSignersLine(principals, publicKey(keyOf), SignedText.NAMESPACE));
    return this;
  }

  public SshKeygenSigner signer(String name) {
    return new SshKeygenSigner(keys.get(name));
  }

  public SshPublicKey publicKey(String name) {
    return signer(name).publicKey();
  }

  /** Writes allowed_signers and the policy (YAML), and reads them as the worker would. */
  public PolicyFile policy(String yaml) {
    try {
      Files.writeString(dir.resolve("allowed_signers"), String.join("\n", signerLines) + "\n");
      Path policy = dir.resolve("policy.yaml");
      Files.writeString(policy, yaml, StandardCharsets.UTF_8);
      return PolicyReader.read(policy, PoolRescueRegistrations.PROCEDURES, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
