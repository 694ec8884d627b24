package io.poolrescue.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to; safe to share between threads. */
public final class ManualClock implements SimClock {
  private final AtomicReference<Instant> now;

  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  @Override
  public Instant now() {
    return now.get();
  }

  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward: " + d);
    }
    now.updateAndGet(t -> t.plus(d));
  }

  public void set(Instant t) {
    now.set(Objects.requireNonNull(t, "t"));
  }
}
