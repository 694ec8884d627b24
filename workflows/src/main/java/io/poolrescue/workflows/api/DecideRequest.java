package io.poolrescue.workflows.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.poolrescue.signing.webauthn.WebAuthnAssertion;

/**
 * The single JSON object the {@code decide} update takes, e.g.
 * {@code {"gateId":"forget-host","approver":"alice","decision":"APPROVE","reason":"host is powered off in the DC"}}.
 *
 * @param signedAt when the approver signed, ISO-8601 (e.g. {@code 2026-12-01T22:15:03Z}); with {@code signature}
 * @param signature an SSH signature (armored SSHSIG, namespace {@code poolrescue}) of the text
 *     {@link SignedText#decision} builds; required unless the worker's policy accepts unsigned decisions
 * @param webauthn instead of {@code signature}: a WebAuthn assertion (the console's) whose challenge is
 *     the SHA-256 of that same text, by a credential the worker's policy lists for the approver
 */
public record DecideRequest(String gateId, String approver, Decision decision, String reason, String signedAt,
    String signature, WebAuthnAssertion webauthn) {

  @JsonCreator
  public DecideRequest {}

  /** An unsigned decision (the Web UI's, where the policy accepts those). */
  public DecideRequest(String gateId, String approver, Decision decision, String reason) {
    this(gateId, approver, decision, reason, null, null, null);
  }

  /** A decision signed with an SSH key (the CLI's). */
  public DecideRequest(String gateId, String approver, Decision decision, String reason, String signedAt,
      String signature) {
    this(gateId, approver, decision, reason, signedAt, signature, null);
  }

  public boolean signed() {
    return sshSigned() || webauthn != null;
  }

  public boolean sshSigned() {
    return signature != null && !signature.isBlank();
  }
}
