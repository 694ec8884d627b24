package io.poolrescue.activities.approval;

import java.util.List;

/**
 * The approved gate a pool-changing call acts under, passed with the call so that the activity can
 * check it against the worker's own policy before it touches the pool: a workflow task that did
 * not come from an approved gate (a forged one, say) gets a refusal, not a pool change.
 *
 * @param procedure the workflow type whose policy applies, e.g. {@code MemberFailureRecovery}
 * @param targets the uuids the gate named: the call may act on these only
 */
public record ApprovalProof(String workflowId, String runId, String procedure, String requestedBy, String gateId,
    String fingerprint, List<String> targets, List<SignedDecision> decisions) {

  public ApprovalProof {
    targets = targets == null ? List.of() : List.copyOf(targets);
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }

  /** The gate's base id: {@code forget-host#2} was asked under {@code forget-host}. */
  public String gate() {
    int hash = gateId == null ? -1 : gateId.indexOf('#');
    return hash < 0 ? gateId : gateId.substring(0, hash);
  }
}
