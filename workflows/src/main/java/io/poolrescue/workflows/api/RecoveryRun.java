package io.poolrescue.workflows.api;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/** What every procedure exposes: its status, and decisions on its approval gates. */
public interface RecoveryRun {
  /** The query's name, for clients (CLI, console, tests, other SDKs). */
  String STATUS_QUERY = "status";

  /** The update's name, for clients. */
  String DECIDE_UPDATE = "decide";

  @QueryMethod(name = STATUS_QUERY, description = "The run: phase, steps, gates with evidence, operations, progress")
  RunStatus status();

  @UpdateMethod(name = DECIDE_UPDATE, description = "Approve or reject an open gate: {gateId, approver, decision, reason}")
  GateDecision decide(DecideRequest request);

  /** Refuses a decision before it is recorded: unknown or closed gate, approver not allowed, starter, second vote. */
  @UpdateValidatorMethod(updateName = DECIDE_UPDATE)
  void validateDecide(DecideRequest request);
}
