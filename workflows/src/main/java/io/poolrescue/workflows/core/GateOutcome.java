package io.poolrescue.workflows.core;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.workflows.api.GateDecision;
import java.util.List;

/** How a gate closed. Only {@link Approved} lets the guarded step run. */
public sealed interface GateOutcome {
  String gateId();

  /** @param proof what the guarded step's pool-changing activity receives, to check the approval again */
  record Approved(String gateId, String fingerprint, List<GateDecision> decisions, ApprovalProof proof)
      implements GateOutcome {
    public Approved {
      decisions = List.copyOf(decisions);
    }

    public List<String> approvers() {
      return decisions.stream().map(GateDecision::approver).toList();
    }
  }

  record Rejected(String gateId, GateDecision decision) implements GateOutcome {}

  record Expired(String gateId) implements GateOutcome {}
}
