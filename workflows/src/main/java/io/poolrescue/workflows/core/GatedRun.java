package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;

/**
 * What every procedure shares: its activity stubs, its status recorder and its approval gate, and
 * the {@code status} query and {@code decide} update that expose them. Creating these adds no
 * workflow command, so moving them here leaves recorded histories replayable.
 */
public abstract class GatedRun implements RecoveryRun {
  protected final RecoveryActivities acts = new RecoveryActivities();
  protected final RunStatusRecorder status;
  protected final ApprovalGate gate;

  protected GatedRun(String procedure, String requestedBy, ApprovalPolicy approvals) {
    status = new RunStatusRecorder(procedure, requestedBy);
    gate = new ApprovalGate(approvals, requestedBy, status, acts.notify);
  }

  @Override
  public final RunStatus status() {
    return status.status();
  }

  @Override
  public final GateDecision decide(DecideRequest request) {
    return gate.decide(request);
  }

  @Override
  public final void validateDecide(DecideRequest request) {
    gate.validate(request);
  }
}
