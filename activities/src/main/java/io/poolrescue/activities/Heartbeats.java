package io.poolrescue.activities;

import io.temporal.activity.Activity;
import java.util.Optional;

/** Heartbeats from long activities; silent when the code runs outside an activity (plain unit calls). */
public final class Heartbeats {
  private Heartbeats() {}

  public static void beat(Object progress) {
    try {
      Activity.getExecutionContext().heartbeat(progress);
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
    }
  }
}
