package io.poolrescue.workflows.api;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The single JSON object the {@code decide} update takes, e.g.
 * {@code {"gateId":"forget-host","approver":"alice","decision":"APPROVE","reason":"host is powered off in the DC"}}.
 *
 * @param signedAt when the approver signed, ISO-8601 (e.g. {@code 2026-12-01T22:15:03Z}); with {@code signature}
 * @param signature an SSH signature (armored SSHSIG, namespace {@code poolrescue}) of the text
 *     {@link SignedText#decision} builds; required unless the worker's policy accepts unsigned decisions
 */
public record DecideRequest(String gateId, String approver, Decision decision, String reason, String signedAt,
    String signature) {

  @JsonCreator
  public DecideRequest {}

  /** An unsigned decision (the Web UI's, where the policy accepts those). */
  public DecideRequest(String gateId, String approver, Decision decision, String reason) {
    this(gateId, approver, decision, reason, null, null);
  }

  public boolean signed() {
    return signature != null && !signature.isBlank();
  }
}
