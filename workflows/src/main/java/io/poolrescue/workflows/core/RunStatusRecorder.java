package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.Progress;
import io.poolrescue.workflows.api.RunAuthority;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.StepStatus;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The run's own account of itself, kept inside the workflow (deterministic: times come from
 * {@link Workflow#currentTimeMillis()}) and returned by the {@code status} query: steps with their
 * timings, gates, operations applied, warnings, progress and child runs.
 */
public final class RunStatusRecorder {
  private static final Logger log = Workflow.getLogger(RunStatusRecorder.class);

  private final String procedure;
  private final String requestedBy;
  private final Map<String, StepStatus> steps = new LinkedHashMap<>();
  private final List<OperationApplied> operations = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> children = new ArrayList<>();
  private Supplier<List<GateView>> gates = List::of;
  private String phase = "starting";
  /** While set, the phase the status shows: calls wait for a worker of the run's site. */
  private String siteWait;
  private String current;
  private Progress progress;
  private RunResult result;
  private String fencing;
  private RunAuthority authority;
  private final RunMetrics metrics;

  public RunStatusRecorder(String procedure, String requestedBy) {
    this.procedure = procedure;
    this.requestedBy = requestedBy;
    this.metrics = new RunMetrics(procedure);
  }

  /** The run's counters in the worker's metrics. */
  RunMetrics metrics() {
    return metrics;
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** Lists the steps up front so the status shows what is still to come. */
  public RunStatusRecorder plan(String id, String title) {
    steps.putIfAbsent(id, new StepStatus(id, title, StepState.PENDING, null, null, null));
    return this;
  }

  public void start(String id, String title) {
    current = id;
    StepStatus s = steps.get(id);
    Instant started = s != null && s.startedAt() != null ? s.startedAt() : now();
    String t = title != null ? title : s != null ? s.title() : id;
    steps.put(id, new StepStatus(id, t, StepState.RUNNING, started, null, null));
    phase = t;
    log.info("step {}: {}", id, t);
  }

  public void start(String id) {
    start(id, null);
  }

  // the same calls by step, so procedures name their steps once (in their step enum)

  public RunStatusRecorder plan(Step step) {
    return plan(step.id(), step.title());
  }

  public void start(Step step) {
    start(step.id());
  }

  public void waiting(Step step, String detail) {
    waiting(step.id(), detail);
  }

  public void running(Step step, String detail) {
    running(step.id(), detail);
  }

  public void done(Step step, String detail) {
    done(step.id(), detail);
  }

  public void skip(Step step, String reason) {
    skip(step.id(), reason);
  }

  public void fail(Step step, String detail) {
    fail(step.id(), detail);
  }

  public void waiting(String id, String detail) {
    set(id, StepState.WAITING, detail, false);
    phase = "waiting: " + detail;
  }

  public void waitingApproval(String id, String gateId) {
    set(id, StepState.WAITING_APPROVAL, "gate " + gateId, false);
    phase = "waiting for approval: " + gateId;
  }

  public void running(String id, String detail) {
    set(id, StepState.RUNNING, detail, false);
  }

  public void done(String id, String detail) {
    set(id, StepState.DONE, detail, true);
  }

  public void skip(String id, String reason) {
    set(id, StepState.SKIPPED, reason, true);
  }

  public void fail(String id, String detail) {
    set(id, StepState.FAILED, detail, true);
  }

  private void set(String id, StepState state, String detail, boolean ends) {
    StepStatus s = steps.get(id);
    String title = s == null ? id : s.title();
    Instant started = s == null || s.startedAt() == null ? now() : s.startedAt();
    steps.put(id, new StepStatus(id, title, state, started, ends ? now() : null, detail));
  }

  /** The step started last: where a failure is reported. */
  public String current() {
    return current == null ? "start" : current;
  }

  /** Ends the run here as FAILED: the current step failed, the steps not reached are skipped. */
  public RunResult failed(String summary) {
    fail(current(), summary);
    skipRest("stopped: " + summary);
    return new RunResult(RunResult.Outcome.FAILED, summary, List.of());
  }

  /** Ends the run early with a result a gate or a check produced; the steps not reached are skipped. */
  public RunResult stopped(RunResult result) {
    skipRest(result.outcome() + ": " + result.summary());
    return result;
  }

  /** Dangerous operations so far, e.g. "4 x VM.power_state_reset, 1 x host.destroy"; null when none. */
  public String operationsSummary() {
    if (operations.isEmpty()) {
      return null;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    operations.forEach(o -> counts.merge(o.call(), 1, Integer::sum));
    return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).toList());
  }

  /** Marks every step still pending as skipped: the run ends before reaching them. */
  public void skipRest(String reason) {
    for (StepStatus s : List.copyOf(steps.values())) {
      if (s.state() == StepState.PENDING) {
        steps.put(s.id(), new StepStatus(s.id(), s.title(), StepState.SKIPPED, null, null, reason));
      }
    }
  }

  public void phase(String phase) {
    this.phase = phase;
  }

  /**
   * Shows {@code reason} as the phase while the run's calls wait for a worker of its site (the steps'
   * own phase goes on underneath); null when the site's workers take calls again.
   */
  public void siteWait(String reason) {
    this.siteWait = reason;
  }

  /** What "the host is off" rests on; shown by the status query and the audit report. */
  public void fencing(String basis) {
    this.fencing = basis;
  }

  /** The approval policy the run decides under and who signed its start. */
  public void authority(RunAuthority authority) {
    this.authority = authority;
  }

  public void warn(String warning) {
    warnings.add(warning);
    log.warn("{}", warning);
  }

  public void operation(String call, List<String> args, String outcome, String gateId) {
    operations.add(new OperationApplied(now(), call, List.copyOf(args), outcome, gateId));
  }

  public void progress(Progress progress) {
    this.progress = progress;
  }

  public void child(String workflowId) {
    children.add(workflowId);
  }

  void attachGates(Supplier<List<GateView>> gates) {
    this.gates = gates;
  }

  /** Records the end; steps left pending stay visible as not done. */
  public RunResult finish(RunResult result) {
    this.result = result;
    metrics.finished(result.outcome());
    this.phase = "finished: " + result.outcome();
    log.info("run finished {}: {}", result.outcome(), result.summary());
    return result;
  }

  public List<OperationApplied> operations() {
    return List.copyOf(operations);
  }

  public RunStatus status() {
    return new RunStatus(procedure, requestedBy, siteWait != null && result == null ? siteWait : phase,
        List.copyOf(steps.values()), gates.get(),
        List.copyOf(operations), List.copyOf(warnings), progress, List.copyOf(children), result, fencing, authority);
  }
}
