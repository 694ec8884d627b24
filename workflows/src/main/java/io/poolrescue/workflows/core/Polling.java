package io.poolrescue.workflows.core;

import java.time.Duration;

/**
 * How often a procedure looks again while it waits for the pool: often at first, when change is
 * likely, then less, so a wait of days stays a few hundred events of history.
 */
public final class Polling {
  private Polling() {}

  public static final Duration FAST = Duration.ofSeconds(30);

  /** 30 s for the first 15 minutes, 5 minutes until 2 hours, then 15 minutes. */
  public static Duration after(Duration waited) {
    if (waited.compareTo(Duration.ofMinutes(15)) < 0) {
      return FAST;
    }
    if (waited.compareTo(Duration.ofHours(2)) < 0) {
      return Duration.ofMinutes(5);
    }
    return Duration.ofMinutes(15);
  }
}
