package io.poolrescue.workflows.api;

import io.poolrescue.signing.webauthn.WebAuthnAssertion;

/**
 * A signed start, carried in the start's memo under {@link #MEMO}: the SSH signature (armored
 * SSHSIG, namespace {@code poolrescue}) of the text {@link SignedText#start} builds from the workflow
 * id, the procedure, {@code requestedBy}, {@code signedAt} and the request's {@link CanonicalJson}, or
 * (the console's) a WebAuthn assertion whose challenge is the SHA-256 of that text.
 *
 * @param signedAt ISO-8601, e.g. {@code 2026-12-01T22:15:03Z}
 */
public record StartSignature(String signedAt, String signature, WebAuthnAssertion webauthn) {
  public static final String MEMO = "poolrescue-start-signature";

  public StartSignature(String signedAt, String signature) {
    this(signedAt, signature, null);
  }

  public boolean signed() {
    return (signature != null && !signature.isBlank()) || webauthn != null;
  }
}
