package io.poolrescue.workflows.core;

import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.policy.RunPolicy;
import io.poolrescue.activities.scope.RequestScope;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunAuthority;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.SiteRoute;
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
  /**
   * This run's activity stubs: of the run's version once the frame decided it, on its site's queue
   * once the run knows its site ({@link #routeTo}); until then only the gate's notifications and the
   * lock's calls are held (the lock's through a supplier, so it uses the stubs of the moment).
   */
  protected ActivityStubs acts = new ActivityStubs(Versions.ORIGINAL);
  protected final RunStatusRecorder status;
  protected final ApprovalGate gate;
  /** This run's side of the per-pool lock: one recovery per pool at a time. */
  private final PoolLockHold poolLock;
  /** The behaviour version of this run (see {@link Versions}); decided once, when the frame starts. */
  protected int version = Versions.ORIGINAL;

  private final String procedure;
  private final Object request;
  private final String requestedBy;
  private final ApprovalPolicy approvals;
  private final RunTarget target;
  /** The inventory's uuid of the pool the request names (null without an inventory). */
  private String poolUuid;
  /** What the run recorded as its authority (null before {@link Versions#AUTHORITY}). */
  private RunAuthority authority;

  /**
   * @param request the start request as received: a signed start covers its canonical JSON
   * @param target the addresses the request names and the key of its pool lock
   */
  protected GatedRun(String procedure, Object request, String requestedBy, ApprovalPolicy approvals,
      RunTarget target) {
    this.procedure = procedure;
    this.target = target;
    this.request = request;
    this.requestedBy = requestedBy;
    this.approvals = approvals;
    status = new RunStatusRecorder(procedure, requestedBy);
    gate = new ApprovalGate(approvals, requestedBy, status, acts.notify);
    poolLock = new PoolLockHold(() -> acts.lock, status); // the stubs of the run's version once decided
  }

  /**
   * Decides the run's behaviour version and takes the stubs of that version: the frame's first
   * command. A procedure that runs outside the frame (PoolBackup) calls it first thing itself.
   */
  protected final void decideVersion() {
    version = Versions.decide();
    acts = new ActivityStubs(version);
  }

  /**
   * The run frame: an invalid request ends at once; otherwise {@code work} runs, a failed activity or
   * child ends it as FAILED at the step where it failed, and the pool is read once more for the audit
   * report when {@code poolAfter} names one. Before {@link Versions#AUTHORITY} the frame's only
   * command is the version marker; from it on, the frame first reads the worker's policy, records the
   * start's verdict, checks the request's scope (any of them can end the run as an invalid request),
   * then waits for the pool lock, and gives the lock back at the end however the run ends
   * ({@link PoolLockHold}).
   */
  protected final RunResult frame(String problem, Supplier<RunResult> work, Supplier<String> poolAfter) {
    decideVersion();
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
      Inherited inherited = version >= Versions.LONG_WAITS ? inherited() : null;
      if (inherited != null) {
        // a continued run: the chain's first run checked the start; this one takes over its lock
        authority = inherited.authority();
        if (authority != null) {
          status.authority(authority);
        }
        routeTo(inherited.route(), null); // the move's gate is the first run's, under the policy it adopted
        status.metrics().continuing(inherited.route() == null ? null : inherited.route().site(),
            inherited.lockKey());
        poolLock.acquire(inherited.lockKey());
      } else {
        String refused = version >= Versions.AUTHORITY ? adoptWorkerPolicy() : null;
        if (refused != null) {
          return status.finish(new RunResult(RunResult.Outcome.FAILED, "invalid request: " + refused
              + "; nothing done", List.of()));
        }
        // one run per pool: wait for its lock, keyed by the pool's inventory uuid where the worker knows it
        poolLock.acquire(version >= Versions.AUTHORITY ? (poolUuid != null ? poolUuid : target.lockKey()) : null);
      }
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

  /**
   * Reads the worker's approval policy for this procedure (recorded in the history as the activity's
   * result), narrows it by the request and checks who started the run. Returns why the start is not
   * accepted, or null.
   */
  private String adoptWorkerPolicy() {
    RunPolicy policy = acts.policy.forRun(procedure);
    RunRules rules = RunRules.of(policy, approvals);
    gate.adopt(rules);
    String loosening = rules.loosening();
    if (loosening != null) {
      return loosening;
    }
    StartRules.Verdict start = StartRules.check(procedure, request, requestedBy, rules, version);
    if (start.refusal() != null) {
      return start.refusal();
    }
    String scopeRefusal = checkScope(target.addresses(), policy.standbySite());
    if (scopeRefusal != null) {
      return scopeRefusal;
    }
    authority = new RunAuthority(policy.source(), policy.sha256(), policy.allowedSignersSha256(),
        !policy.unsignedDecisions(), !policy.unsignedStarts(), start.key(), policy.unfencedAttestation());
    status.authority(authority);
    return null;
  }

  /**
   * Every address the request names must be a host of one pool of the worker's inventory, before any
   * login; returns why not, or null. The inventory's uuid of that pool keys the pool lock. From
   * {@link Versions#STANDBY} on, a run whose policy allows it ({@code standbyAllowed}) may move to the
   * standby site the inventory names for the pool.
   */
  private String checkScope(List<String> addresses, boolean standbyAllowed) {
    try {
      RequestScope scope = acts.scope.check(addresses);
      poolUuid = scope.poolUuid();
      String standby = standbyAllowed && version >= Versions.STANDBY ? scope.standbySite() : null;
      routeTo(scope.site() == null ? null : new SiteRoute(scope.site(), scope.siteWorkerWait(), standby),
          new StandbyMove(gate, status, poolUuid));
      status.metrics().at(scope.site(), scope.poolUuid());
      return null;
    } catch (ActivityFailure e) {
      if (XapiFailures.ADDRESS_NOT_IN_INVENTORY.equals(Failures.code(e))
          || XapiFailures.ADDRESSES_IN_SEVERAL_POOLS.equals(Failures.code(e))) {
        return Failures.describe(e);
      }
      throw e;
    }
  }

  /**
   * From {@link Versions#SITES} on, sends the run's pool and BMC calls to {@code to}'s site; earlier runs
   * keep every call on the shared queue. Decided once, before the first pool call; {@code move} (null:
   * none) may later send them to the route's standby site.
   */
  private void routeTo(SiteRoute to, StandbyMove move) {
    acts = ActivityStubs.forRun(version, to, status, move);
  }

  /**
   * For a procedure that does not go through {@link #frame} (a backup loop), after its
   * {@link #decideVersion}: from {@link Versions#SITES} on, checks the scope of {@code addresses} and
   * routes the run to their pool's site. Returns why the addresses are refused, or null.
   */
  protected final String routeOutsideFrame(List<String> addresses) {
    return version >= Versions.SITES ? checkScope(addresses, false) : null;
  }

  /**
   * What a run that continues an earlier run of its chain (continue-as-new, from
   * {@link Versions#LONG_WAITS}) inherits: the lock it holds and the authority recorded at the start.
   * Null (the default) for a run started by a person.
   */
  protected Inherited inherited() {
    return null;
  }

  /** What this run hands to its continuation: its lock, its authority and its site. */
  protected final Inherited toInherit() {
    return new Inherited(poolLock.key(), authority, acts.route());
  }

  /**
   * The frame's part of a continued run: the pool lock's key, the recorded authority and the site's
   * route (any may be null).
   */
  public record Inherited(String lockKey, RunAuthority authority, SiteRoute route) {}

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
