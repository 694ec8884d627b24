package io.poolrescue.signing;

import java.util.Objects;

/** What a valid signature proves: this key signed the message for this namespace. */
public record VerifiedSignature(SshPublicKey key, String namespace, String hashAlgorithm) {
  public VerifiedSignature {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
  }

  public String keyFingerprint() {
    return key.fingerprint();
  }
}
