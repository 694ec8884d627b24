package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.RunResult;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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

  /** A step whose fingerprint is that of a fresh read: {@code read} runs again after the approval. */
  static <S> ReadStep<S> of(Supplier<S> read, Function<S, GateRequest> request, Function<S, String> fingerprint) {
    return new ReadStep<>(read, s -> Optional.empty(), request, () -> fingerprint.apply(read.get()));
  }

  /** A step whose fingerprint comes from a cheaper call of its own. */
  static <S> ReadStep<S> withFingerprintCall(Supplier<S> read, Function<S, GateRequest> request,
      Supplier<String> fingerprintNow) {
    return new ReadStep<>(read, s -> Optional.empty(), request, fingerprintNow);
  }
}
