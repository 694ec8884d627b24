package io.poolrescue.workflows.kill;

import io.poolrescue.activities.Heartbeats;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempt 1 beats {@link #MARKER} and fails; attempt 2 beats nothing of its own, lets the side beats
 * run past the SDK's first throttled send, and fails; attempt 3 returns what it reads. What each
 * attempt read is kept in {@link #seen} (at its start, and for attempt 2 also after the wait).
 */
public final class MarkerProbeImpl implements MarkerProbe {
  static final long MARKER = 42L;
  static final Duration QUIET = Duration.ofSeconds(10);
  static final String AFTER_WAIT = "2-after-wait";
  /** What attempt n read at its start (key "n"), and attempt 2 after its wait. */
  final Map<String, Long> seen = new ConcurrentHashMap<>();

  @Override
  public long step() {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    long previous = Heartbeats.previous(Long.class).orElse(-1L);
    seen.put(String.valueOf(attempt), previous);
    switch (attempt) {
      case 1 -> {
        Heartbeats.beatNow(MARKER);
        throw ApplicationFailure.newFailure("attempt 1 fails after its marker", "PROBE");
      }
      case 2 -> {
        try {
          Thread.sleep(QUIET.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seen.put(AFTER_WAIT, Heartbeats.previous(Long.class).orElse(-1L));
        throw ApplicationFailure.newFailure("attempt 2 fails without beating", "PROBE");
      }
      default -> {
        return previous;
      }
    }
  }
}
