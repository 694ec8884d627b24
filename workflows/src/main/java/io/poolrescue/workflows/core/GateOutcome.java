package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.GateDecision;
import java.util.List;

/** How a gate closed. Only {@link Approved} lets the guarded step run. */
public sealed interface GateOutcome {
  String gateId();

  record Approved(String gateId, String fingerprint, List<GateDecision> decisions) implements GateOutcome {
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
