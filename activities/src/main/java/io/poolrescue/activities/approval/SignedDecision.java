package io.poolrescue.activities.approval;

import io.poolrescue.signing.webauthn.WebAuthnAssertion;

/**
 * One decision as it reached the gate: enough to verify its signature again.
 *
 * @param decision {@code APPROVE} or {@code REJECT}
 * @param signedAt ISO-8601; null with {@code signature} and {@code webauthn} for an unsigned decision
 * @param webauthn the console's WebAuthn assertion, where it signed instead of an SSH key
 */
public record SignedDecision(String approver, String decision, String reason, String signedAt, String signature,
    WebAuthnAssertion webauthn) {

  public SignedDecision(String approver, String decision, String reason, String signedAt, String signature) {
    this(approver, decision, reason, signedAt, signature, null);
  }

  public boolean signed() {
    return (signature != null && !signature.isBlank()) || webauthn != null;
  }
}
