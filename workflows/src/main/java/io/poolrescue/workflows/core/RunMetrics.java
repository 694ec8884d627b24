package io.poolrescue.workflows.core;

import com.uber.m3.tally.Scope;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.RunResult;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * A run's counters in the worker's metrics, tagged with its procedure, site and pool: runs started and
 * finished (by outcome), gates opened and closed (by how). Runs in flight and gates waiting per pool
 * are the differences. Emitted through {@link Workflow#getMetricsScope()}, so a replay counts nothing
 * twice; nothing is counted before the run knows its pool ({@link #at}).
 */
public final class RunMetrics {
  public static final String RUNS_STARTED = "poolrescue_runs_started";
  public static final String RUNS_FINISHED = "poolrescue_runs_finished";
  public static final String GATES_OPENED = "poolrescue_gates_opened";
  public static final String GATES_CLOSED = "poolrescue_gates_closed";
  /** The tag values of a run without a site, or a request that named no inventory pool. */
  static final String NONE = "none";

  private final String procedure;
  private Scope scope;

  RunMetrics(String procedure) {
    this.procedure = procedure;
  }

  /** The run's pool is known: counts the run as started there. */
  void at(String site, String poolUuid) {
    tag(site, poolUuid);
    scope.counter(RUNS_STARTED).inc(1);
  }

  /** A run continuing its chain (continue-as-new): counted when the chain started, so not again. */
  void continuing(String site, String poolUuid) {
    tag(site, poolUuid);
  }

  private void tag(String site, String poolUuid) {
    scope = Workflow.getMetricsScope().tagged(Map.of("procedure", procedure, "site", site == null ? NONE : site,
        "pool", poolUuid == null ? NONE : poolUuid));
  }

  void finished(RunResult.Outcome outcome) {
    if (scope != null) {
      scope.tagged(Map.of("outcome", outcome.name())).counter(RUNS_FINISHED).inc(1);
    }
  }

  void gateOpened() {
    if (scope != null) {
      scope.counter(GATES_OPENED).inc(1);
    }
  }

  void gateClosed(GateState how) {
    if (scope != null) {
      scope.tagged(Map.of("state", how.name())).counter(GATES_CLOSED).inc(1);
    }
  }
}
