package io.poolrescue.workflows.core;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.workflows.api.RunResult;
import java.util.Optional;

/**
 * Result of {@link ApprovalGate#approve}: go ahead with the state that was approved, or end the run.
 * Callers ask {@link #stop()} first; {@link #state()} and {@link #approval()} exist only after a
 * proceed, so no caller needs to know the two records.
 */
public sealed interface Guard<S> permits Guard.Proceed, Guard.Stop {

  /** The result to end the run with; empty when the step may go ahead. */
  Optional<RunResult> stop();

  /** The state the approval rests on (only when not stopped). */
  S state();

  /** The approval (only when not stopped). */
  GateOutcome.Approved approval();

  default String gateId() {
    return approval().gateId();
  }

  /** The approval as the step's pool-changing activity checks it again (only when not stopped). */
  default ApprovalProof proof() {
    return approval().proof();
  }

  record Proceed<S>(S state, GateOutcome.Approved approval) implements Guard<S> {
    @Override
    public Optional<RunResult> stop() {
      return Optional.empty();
    }
  }

  record Stop<S>(RunResult result) implements Guard<S> {
    @Override
    public Optional<RunResult> stop() {
      return Optional.of(result);
    }

    @Override
    public S state() {
      throw new IllegalStateException("the step stopped: " + result.summary());
    }

    @Override
    public GateOutcome.Approved approval() {
      throw new IllegalStateException("the step stopped: " + result.summary());
    }
  }
}
