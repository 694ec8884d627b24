package io.poolrescue.activities.approval;

/**
 * One decision as it reached the gate: enough to verify its signature again.
 *
 * @param decision {@code APPROVE} or {@code REJECT}
 * @param signedAt ISO-8601; null with {@code signature} for an unsigned decision
 */
public record SignedDecision(String approver, String decision, String reason, String signedAt, String signature) {

  public boolean signed() {
    return signature != null && !signature.isBlank();
  }
}
