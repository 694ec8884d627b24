package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.RunResult;

/** Result of {@link ApprovalGate#approve}: go ahead with the state that was approved, or end the run. */
public sealed interface Guard<S> permits Guard.Proceed, Guard.Stop {

  record Proceed<S>(S state, GateOutcome.Approved approval) implements Guard<S> {}

  record Stop<S>(RunResult result) implements Guard<S> {}
}
