package io.poolrescue.simulator;

import java.time.Duration;
import java.time.Instant;

/** The simulator's only source of time, so that tests decide when heartbeats, timeouts and reboots happen. */
public interface SimClock {
  Instant now();

  /**
   * Lets {@code d} pass for the calling thread: an operation's latency. The system clock sleeps;
   * a {@link ManualClock} moves itself forward instead (see there for several threads).
   */
  default void sleep(Duration d) throws InterruptedException {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }
  }

  /** Wall-clock time, for demos against a running simulator. */
  static SimClock system() {
    return Instant::now;
  }
}
