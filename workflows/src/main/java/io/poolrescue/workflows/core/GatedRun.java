package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.lock.LockNotice;
import io.poolrescue.workflows.lock.PoolLockWaiter;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every procedure shares: its activity stubs, its status recorder and its approval gate, the
 * {@code status} query and {@code decide} update that expose them, and the frame a run goes through.
 * Creating these adds no workflow command, so moving them here leaves recorded histories replayable.
 */
public abstract class GatedRun implements RecoveryRun, PoolLockWaiter {
  protected final ActivityStubs acts = new ActivityStubs();
  protected final RunStatusRecorder status;
  protected final ApprovalGate gate;
  /** This run's side of the per-pool lock: one recovery per pool at a time. */
  private final PoolLockHold poolLock;
  /** The behaviour version of this run (see {@link Versions}); decided once, when the frame starts. */
  protected int version = Versions.ORIGINAL;

  private final String requestedBy;

  protected GatedRun(String procedure, String requestedBy, ApprovalPolicy approvals) {
    this.requestedBy = requestedBy;
    status = new RunStatusRecorder(procedure, requestedBy);
    gate = new ApprovalGate(approvals, requestedBy, status, acts.notify);
    poolLock = new PoolLockHold(acts.lock, status);
  }

  /**
   * The pool this run changes, as the key of its lock ({@code pool-lock/<key>}); null takes no lock
   * (a procedure that only reads). Read once the request is valid.
   */
  protected String lockKey() {
    return null;
  }

  /**
   * The run frame: an invalid request ends at once; otherwise {@code work} runs, a failed activity or
   * child ends it as FAILED at the step where it failed, and the pool is read once more for the audit
   * report when {@code poolAfter} names one. The frame's only command is the version marker; from
   * {@link Versions#AUTHORITY} on, also the pool lock's request, waited for before {@code work}, and
   * its release at the end, however the run ends ({@link PoolLockHold}).
   */
  protected final RunResult frame(String problem, Supplier<RunResult> work, Supplier<String> poolAfter) {
    version = Versions.decide();
    gate.rulesOf(version);
    if (problem == null && version >= Versions.NAMES && (requestedBy == null || requestedBy.isBlank())) {
      problem = "requestedBy is required (who starts the run may not approve it: the four-eyes rule)";
    }
    if (problem != null) {
      return status.finish(new RunResult(RunResult.Outcome.FAILED, "invalid request: " + problem + "; nothing done",
          List.of()));
    }
    RunResult result;
    try {
      poolLock.acquire(version >= Versions.AUTHORITY ? lockKey() : null); // one run per pool: wait for its lock
      result = work.get();
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      result = failedStep(e);
    } catch (TemporalFailure e) {
      throw poolLock.releasing(e); // cancelled, or ended by a failure: the pool lock is given back first
    }
    String pool = poolAfter.get();
    if (pool != null) {
      overview(pool); // the pool after the run, for the audit report
    }
    poolLock.release(); // after the closing overview: the next run on this pool may start
    return status.finish(result);
  }

  /** What a failure report adds after "step X: CODE: message", e.g. what was already done; none by default. */
  protected String failureSuffix() {
    return "";
  }

  /**
   * Whether the failed step shows the whole summary (member and master recoveries) rather than the
   * failure alone; kept per procedure so that the status reads as it always has.
   */
  protected boolean failedStepShowsSummary() {
    return false;
  }

  private RunResult failedStep(TemporalFailure e) {
    String step = status.current();
    String summary = "step " + step + ": " + Failures.describe(e) + failureSuffix();
    if (failedStepShowsSummary()) {
      return status.failed(summary);
    }
    status.fail(step, Failures.describe(e));
    status.skipRest("the run stopped at step " + step);
    return new RunResult(RunResult.Outcome.FAILED, summary, List.of());
  }

  /**
   * A read-only look at the whole pool, recorded in the history for the audit report's "before" and
   * "after"; failing to read it must not change the run's outcome.
   */
  protected void overview(String pool) {
    try {
      acts.inspect.pool(pool);
    } catch (ActivityFailure e) {
      status.warn("could not read the pool overview: " + Failures.describe(e));
    }
  }

  @Override
  public final void poolLockGranted(LockNotice notice) {
    poolLock.granted(notice);
  }

  @Override
  public final void poolLockWaiting(LockNotice notice) {
    poolLock.waiting(notice);
  }

  @Override
  public final RunStatus status() {
    return status.status();
  }

  @Override
  public final GateDecision decide(DecideRequest request) {
    return gate.decide(request);
  }

  @Override
  public final void validateDecide(DecideRequest request) {
    gate.validate(request);
  }
}
