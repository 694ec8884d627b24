package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.failure.ActivityFailure;

/**
 * What every procedure shares: its activity stubs, its status recorder and its approval gate, and
 * the {@code status} query and {@code decide} update that expose them. Creating these adds no
 * workflow command, so moving them here leaves recorded histories replayable.
 */
public abstract class GatedRun implements RecoveryRun {
  protected final ActivityStubs acts = new ActivityStubs();
  protected final RunStatusRecorder status;
  protected final ApprovalGate gate;

  protected GatedRun(String procedure, String requestedBy, ApprovalPolicy approvals) {
    status = new RunStatusRecorder(procedure, requestedBy);
    gate = new ApprovalGate(approvals, requestedBy, status, acts.notify);
  }

  /**
   * A read-only look at the whole pool, recorded in the history for the audit report's "before" and
   * "after"; failing to read it must not change the run's outcome.
   */
  protected void overview(String pool) {
    try {
      acts.inspect.pool(pool);
    } catch (ActivityFailure e) {
      status.warn("could not read the pool overview: " + Failures.describe(e));
    }
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
