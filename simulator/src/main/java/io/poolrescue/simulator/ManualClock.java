package io.poolrescue.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to; safe to share between threads. {@link #sleep} advances it
 * by the duration and returns at once, so a single-threaded test that calls an operation with a
 * latency finds the clock moved by exactly that latency. Several threads sleeping at once each move
 * it, so their latencies add up instead of overlapping: a multi-threaded test that needs latencies
 * to overlap runs on the system clock (or accepts that time runs ahead).
 */
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

  @Override
  public void sleep(Duration d) {
    advance(d);
  }

  public void set(Instant t) {
    now.set(Objects.requireNonNull(t, "t"));
  }
}
