package io.poolrescue.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.converter.DataConverterException;
import java.time.Duration;
import java.util.Optional;

/**
 * Heartbeats an activity's code sends itself: progress and markers that a retry reads through
 * {@link #previous}. That the worker is alive is shown by {@link SideBeats}, which repeats the latest
 * of these while the activity runs. Silent when the code runs outside an activity (plain unit calls).
 */
public final class Heartbeats {
  /** How often {@link SideBeats} beats: one heartbeat a second per activity at most. */
  public static final Duration MIN_EVERY = Duration.ofSeconds(1);

  private Heartbeats() {}

  public static void beat(Object progress) {
    try {
      Activity.getExecutionContext().heartbeat(progress);
    } catch (IllegalStateException outsideActivity) {
      // Called directly (benchmarks, plain tests): there is no Temporal context to report to.
    }
  }

  /**
   * As {@link #beat}, but the details reach the server now rather than at the SDK's next throttled
   * send: for a marker written before a one-shot call, which must outlive a worker killed during it.
   */
  public static void beatNow(Object marker) {
    try {
      ActivityExecutionContext context = Activity.getExecutionContext();
      if (context instanceof BeatingContext beating) {
        beating.heartbeatNow(marker);
      } else {
        context.heartbeat(marker); // without side beats, an attempt's first beat is sent at once
      }
    } catch (IllegalStateException outsideActivity) {
      // Called directly (benchmarks, plain tests): there is no Temporal context to report to.
    }
  }

  /**
   * What the previous attempt of this activity last reported with {@link #beat}: a retry learns from
   * it what its predecessor already did. Empty on a first attempt and outside an activity.
   */
  public static <T> Optional<T> previous(Class<T> type) {
    try {
      return Activity.getExecutionContext().getHeartbeatDetails(type);
    } catch (IllegalStateException outsideActivity) {
      return Optional.empty();
    } catch (DataConverterException otherShape) {
      return Optional.empty(); // details of another kind (an older worker's progress count): no marker
    }
  }
}
