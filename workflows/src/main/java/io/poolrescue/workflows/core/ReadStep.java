package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.RunResult;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** A {@link GuardedStep} declared by its parts; built with {@link GuardedStep#of}. */
public record ReadStep<S>(Supplier<S> reader, Function<S, Optional<RunResult>> stop,
    Function<S, GateRequest> gate, Supplier<String> fingerprint) implements GuardedStep<S> {

  /** The same step, ending the run instead of asking when {@code stop} gives a result. */
  public ReadStep<S> stoppingWhen(Function<S, Optional<RunResult>> stop) {
    return new ReadStep<>(reader, stop, gate, fingerprint);
  }

  @Override
  public S read() {
    return reader.get();
  }

  @Override
  public Optional<RunResult> stopBefore(S state) {
    return stop.apply(state);
  }

  @Override
  public GateRequest request(S state) {
    return gate.apply(state);
  }

  @Override
  public String fingerprintNow() {
    return fingerprint.get();
  }
}
