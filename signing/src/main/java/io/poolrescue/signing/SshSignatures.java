package io.poolrescue.signing;

import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.NOT_ALLOWED;
import static io.poolrescue.signing.SignatureRefused.Reason.NO_USER_PRESENCE;
import static io.poolrescue.signing.SignatureRefused.Reason.UNSUPPORTED_ALGORITHM;
import static io.poolrescue.signing.SignatureRefused.Reason.WRONG_NAMESPACE;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies OpenSSH signatures ({@code ssh-keygen -Y sign}). Pure and deterministic, so it may run
 * inside workflow code: no I/O, no clock (the time is a parameter), no randomness, JDK crypto only.
 */
public final class SshSignatures {
  /** A security key's "user present" flag (PROTOCOL.u2f): the user touched it for this signature. */
  static final int FLAG_USER_PRESENT = 0x01;

  /**
   * Checks that {@code armored} is a valid SSH signature of {@code message} for {@code namespace}
   * and returns the key that made it. It does not say whether that key may sign: see the other overload.
   */
  public static VerifiedSignature verify(String armored, byte[] message, String namespace) {
    Objects.requireNonNull(message, "message");
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalArgumentException("a namespace is required");
    }
    SshSigBlob sig = SshSigBlob.parse(SshArmor.dearmor(armored));
    if (!sig.namespace().equals(namespace)) {
      throw new SignatureRefused(WRONG_NAMESPACE,
          "the signature is for namespace '" + sig.namespace() + "', not '" + namespace + "'");
    }
    String digest = switch (sig.hashAlgorithm()) {
      case "sha256" -> "SHA-256";
      case "sha512" -> "SHA-512";
      default -> throw new SignatureRefused(UNSUPPORTED_ALGORITHM,
          "the signature hashes the message with '" + sig.hashAlgorithm() + "'; only sha256 and sha512 are accepted");
    };
    SshKeyDecoder.DecodedKey key = SshKeyDecoder.decode(sig.key());
    byte[] signed = SshSigBlob.signedData(namespace, sig.hashAlgorithm(), hash(digest, message));
    SshSignatureCheck.SkFields sk = SshSignatureCheck.verify(key, sig.signature(), signed);
    if (sk != null && (sk.flags() & FLAG_USER_PRESENT) == 0) {
      throw new SignatureRefused(NO_USER_PRESENCE, "the security key " + sig.key().fingerprint()
          + " signed without the user touching it (user-presence flag not set)");
    }
    return new VerifiedSignature(sig.key(), namespace, sig.hashAlgorithm());
  }

  /**
   * {@link #verify(String, byte[], String)}, then the key must be allowed to sign as {@code principal}
   * for {@code namespace} at {@code at}, as {@code ssh-keygen -Y verify -I principal -n namespace} does.
   */
  public static VerifiedSignature verify(String armored, byte[] message, String namespace, String principal,
      AllowedSigners signers, Instant at) {
    Objects.requireNonNull(signers, "signers");
    Objects.requireNonNull(at, "at");
    if (principal == null || principal.isEmpty()) {
      throw new SignatureRefused(MALFORMED, "no principal was given for the signature");
    }
    VerifiedSignature verified = verify(armored, message, namespace);
    if (!signers.allows(principal, verified.key(), namespace, at)) {
      throw new SignatureRefused(NOT_ALLOWED, signers.whyNot(principal, verified.key(), namespace, at));
    }
    return verified;
  }

  /**
   * The key a signature names, read without verifying anything: for a workflow replaying a decision
   * its validator verified when it was made (the run's ids may differ in a replay of an exported file).
   */
  public static SshPublicKey signerOf(String armored) {
    return SshSigBlob.parse(SshArmor.dearmor(armored)).key();
  }

  private static byte[] hash(String algorithm, byte[] message) {
    try {
      return MessageDigest.getInstance(algorithm).digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  private SshSignatures() {}
}
