package io.poolrescue.workflows.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;

/**
 * A decision as the gate recorded it: returned by {@code decide} and kept in the run status.
 *
 * @param signerKey the SHA256 fingerprint of the SSH key whose signature was verified, or null when
 *     the decision was unsigned (where the worker's policy accepts that)
 */
public record GateDecision(
    String gateId, String approver, Decision decision, String reason, Instant at, String fingerprint,
    String signerKey) {

  @JsonCreator
  public GateDecision {}

  public GateDecision(String gateId, String approver, Decision decision, String reason, Instant at,
      String fingerprint) {
    this(gateId, approver, decision, reason, at, fingerprint, null);
  }
}
