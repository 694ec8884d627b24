package io.poolrescue.workflows.core;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A host that must answer before a step (a host to restore, a restore target) may be restarting its
 * agent, which refuses connections for up to a minute: from {@link Versions#FAULTS} on, a check that
 * finds nothing answering looks again every {@link #POLL} for up to {@link #PATIENCE} before the run
 * takes the host for gone. Runs of older versions read once, as they were recorded.
 */
public final class AnswerWait {
  public static final Duration PATIENCE = Duration.ofMinutes(2);
  public static final Duration POLL = Duration.ofSeconds(10);

  private AnswerWait() {}

  /** {@code read} until {@code silent} is false, or until the patience ran out: the last reading. */
  public static <T> T read(int version, RunStatusRecorder status, String what, Supplier<T> read, Predicate<T> silent) {
    T now = read.get();
    if (version < Versions.FAULTS) {
      return now;
    }
    long start = Workflow.currentTimeMillis();
    while (silent.test(now) && Workflow.currentTimeMillis() - start < PATIENCE.toMillis()) {
      status.waiting(status.current(), "nothing answers at " + what + " (an agent that restarts refuses "
          + "connections for a while); looking again every " + POLL.toSeconds() + " s, for up to " + PATIENCE.toMinutes()
          + " min");
      Workflow.sleep(POLL);
      now = read.get();
    }
    return now;
  }
}
