package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.RunResult;
import java.util.Optional;

/**
 * A dangerous step as {@link ApprovalGate#approve} drives it: read the pool, perhaps stop (the step
 * is no longer needed or no longer safe), ask, and re-read the fingerprint after the approval.
 *
 * @param <S> what the procedure read (an inspection); handed back with the approval
 */
public interface GuardedStep<S> {

  /** Reads the current state (an activity call). */
  S read();

  /**
   * A result to end the run with instead of asking, e.g. the host came back. Most steps have no such
   * condition: by default the step is always asked.
   */
  default Optional<RunResult> stopBefore(S state) {
    return Optional.empty();
  }

  /** The gate to ask, computed from the state. */
  GateRequest request(S state);

  /** The fingerprint now (an activity call), compared with the one the gate was approved on. */
  String fingerprintNow();
}
