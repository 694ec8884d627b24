package io.poolrescue.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.DataConverterException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Heartbeats from long activities; silent when the code runs outside an activity (plain unit calls). */
public final class Heartbeats {
  /** The most often a side thread beats: one heartbeat a second per activity at most. */
  public static final Duration MIN_EVERY = Duration.ofSeconds(1);
  /** What transfers use: well inside the transfers' 15 s heartbeat timeout. */
  public static final Duration TRANSFER_EVERY = Duration.ofSeconds(3);

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
    } catch (DataConverterException otherShape) {
      return Optional.empty(); // details of another kind (an older worker's progress count): no marker
    }
  }

  /**
   * Runs one long call (a single XAPI call or transfer, which cannot report from its own thread) while
   * a side thread beats {@code details} every {@code every} (at least {@link #MIN_EVERY}). The side
   * thread sends exactly the details given, so a marker such as a restore's "sent at" stays what a
   * retry reads through {@link #previous}; pass the marker the activity last beat. The beats stop
   * when the call returns or throws, or when Temporal reports the activity cancelled or timed out.
   */
  public static <T> T during(Duration every, Object details, Supplier<T> call) {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException outsideActivity) {
      return call.get();
    }
    long periodMillis = Math.max(every.toMillis(), MIN_EVERY.toMillis());
    ScheduledExecutorService side = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heartbeat-" + context.getInfo().getActivityId());
      t.setDaemon(true);
      return t;
    });
    try {
      side.scheduleAtFixedRate(() -> {
        try {
          context.heartbeat(details);
        } catch (ActivityCompletionException ended) {
          side.shutdown(); // cancelled or timed out: the server no longer listens
        }
      }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
      return call.get();
    } finally {
      side.shutdownNow();
    }
  }

  /** {@link #during(Duration, Object, Supplier)} for a call without a result. */
  public static void during(Duration every, Object details, Runnable call) {
    during(every, details, () -> {
      call.run();
      return null;
    });
  }
}
