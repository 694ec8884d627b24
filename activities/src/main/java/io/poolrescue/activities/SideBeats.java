package io.poolrescue.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Beats for every activity while it runs, from a side thread, once every {@link Heartbeats#MIN_EVERY}:
 * a single call that blocks for minutes (a transfer, a {@code VM.start_on}) still shows its worker
 * alive, and a worker that dies is noticed within the activity's heartbeat timeout. Each beat repeats
 * the activity's own latest details ({@link BeatingContext}), so markers a retry reads stay intact.
 *
 * <p>What reaches the server: the SDK sends the first beat at once, then at most one every 0.8 × the
 * heartbeat timeout (8 s under a 10 s timeout; 30 s for an activity without one), carrying the latest
 * details; {@link Heartbeats#beatNow} sends a marker at once besides.
 *
 * <p>Registered on the worker factory ({@code WorkerFactoryOptions.setWorkerInterceptors}) by every
 * worker that runs the activities.
 */
public final class SideBeats extends WorkerInterceptorBase {
  private final ScheduledExecutorService beats = Executors.newScheduledThreadPool(2, daemonThreads());

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private BeatingContext context;

      @Override
      public void init(ActivityExecutionContext given) {
        // local activities cannot heartbeat; every other activity sees the remembering context
        context = given.getInfo().isLocal() ? null : new BeatingContext(given);
        super.init(context != null ? context : given);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        if (context == null) {
          return super.execute(input);
        }
        BeatingContext beating = context;
        long every = Heartbeats.MIN_EVERY.toMillis();
        // once the server stops listening (cancelled, timed out, worker shutting down) the beats are no-ops
        ScheduledFuture<?> task = beats.scheduleAtFixedRate(beating::beatAgain, every, every, TimeUnit.MILLISECONDS);
        try {
          return super.execute(input);
        } finally {
          task.cancel(false);
          beating.stop();
        }
      }
    };
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "activity-side-beats-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
