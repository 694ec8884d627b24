package io.poolrescue.pool.fence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The pause between two power readings after a forced power-off, never past the deadline. */
final class PollPause {
  private PollPause() {}

  /** Sleeps one poll interval (less near the deadline); false when interrupted. */
  static boolean sleep(Clock clock, Instant deadline, Duration interval) {
    Duration left = Duration.between(clock.instant(), deadline);
    Duration pause = left.compareTo(interval) < 0 ? left : interval;
    if (pause.isNegative() || pause.isZero()) {
      return true;
    }
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
