package io.poolrescue.activities;

import io.temporal.activity.Activity;

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
}
