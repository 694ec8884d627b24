package io.poolrescue.devstack;

import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.PolicyReader;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.SshKeyGenerator;
import io.poolrescue.workflows.PoolRescueRegistrations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dev stack's people: an SSH key for each persona (made once by ssh-keygen, kept in the state
 * directory), an allowed_signers file listing them, a WebAuthn credentials file for the console
 * (no credential until someone enrols one and adds it), and a policy that accepts signed starts and
 * decisions only, so the dev stack and the demo work the way a real worker with a policy does.
 */
final class DevSigning {
  static final String POLICY = """
      # The dev stack's approval policy: every start and every decision signed by a listed key.
      signatures:
        allowedSigners: allowed_signers
        webauthnCredentials: webauthn-credentials.json
        unsignedDecisions: false
        unsignedStarts: false
      """;

  private DevSigning() {}

  /** The personas' keys by name, and the policy file, written under {@code dir}. */
  static final String CREDENTIALS = "webauthn-credentials.json";

  record Written(Map<String, Path> keys, Path policy, Path credentials) {
    PolicyFile read() {
      return PolicyReader.read(policy, PoolRescueRegistrations.PROCEDURES, false);
    }
  }

  /** @param consoleOrigin the console's origin, the one origin the credentials file allows */
  static Written write(Path dir, List<String> personas, String consoleOrigin) throws IOException {
    Path keysDir = Files.createDirectories(dir.resolve("keys"));
    Map<String, Path> keys = new LinkedHashMap<>();
    List<String> signers = new ArrayList<>();
    for (String name : personas) {
      Path key = keysDir.resolve(name);
      var signer = SshKeyGenerator.ed25519(key, name + "@poolrescue-dev");
      keys.put(name, key);
      signers.add(SshKeyGenerator.allowedSignersLine(name, signer.publicKey(), SignedText.NAMESPACE));
    }
    Files.writeString(dir.resolve("allowed_signers"), String.join("\n", signers) + "\n", StandardCharsets.UTF_8);
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY, StandardCharsets.UTF_8);
    Path credentials = dir.resolve(CREDENTIALS);
    if (!Files.exists(credentials)) { // enrolments added to it survive a restart of the dev stack
      Files.writeString(credentials, """
          {
            "rpId": "localhost",
            "origins": ["%s"],
            "requireUserVerification": false,
            "credentials": []
          }
          """.formatted(consoleOrigin), StandardCharsets.UTF_8);
    }
    return new Written(Map.copyOf(keys), policy, credentials);
  }
}
