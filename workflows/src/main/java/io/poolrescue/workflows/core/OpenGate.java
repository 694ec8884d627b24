package io.poolrescue.workflows.core;

import io.poolrescue.activities.approval.SignedDecision;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The mutable life of one gate inside the workflow. */
final class OpenGate {
  final String id;
  final GateRequest request;
  final GateRules rules;
  final int quorum;
  final Instant openedAt;
  final Instant remindAt;
  final Instant expiresAt;
  final List<GateDecision> decisions = new ArrayList<>();
  /** The decisions as they came, signatures included: what the activities check again. */
  final List<SignedDecision> received = new ArrayList<>();
  GateState state = GateState.OPEN;
  boolean reminded;

  OpenGate(String id, GateRequest request, GateRules rules, Instant openedAt, Instant remindAt, Instant expiresAt) {
    this.id = id;
    this.request = request;
    this.rules = rules;
    this.quorum = rules.quorum();
    this.openedAt = openedAt;
    this.remindAt = remindAt;
    this.expiresAt = expiresAt;
  }

  boolean open() {
    return state == GateState.OPEN;
  }

  long approvals() {
    return approvers().size();
  }

  private List<String> approvers() {
    return decisions.stream().filter(d -> d.decision() == Decision.APPROVE).map(GateDecision::approver).distinct()
        .toList();
  }

  void record(GateDecision d, SignedDecision as) {
    decisions.add(d);
    received.add(as);
    if (d.decision() == Decision.REJECT) {
      state = GateState.REJECTED;
    } else if (approvals() >= quorum && rules.groupsMissing(approvers()).isEmpty()) {
      state = GateState.APPROVED;
    }
  }

  GateView view() {
    return new GateView(id, request.step(), request.action(), request.targets(), request.why(), request.evidence(),
        request.fingerprint(), quorum, List.copyOf(decisions), state, openedAt, remindAt, expiresAt, reminded,
        rules.groupsMissing(approvers()));
  }
}
