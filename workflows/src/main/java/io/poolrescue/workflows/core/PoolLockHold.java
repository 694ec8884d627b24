package io.poolrescue.workflows.core;

import io.poolrescue.activities.lock.LockActivities;
import io.poolrescue.activities.lock.LockNames;
import io.poolrescue.activities.lock.LockRequest;
import io.poolrescue.workflows.lock.LockNotice;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A run's side of the pool lock (see {@code io.poolrescue.workflows.lock.PoolLock}): ask, wait
 * for the grant while the status says who holds the pool, give it back at the end however the run
 * ends. A child run (the master run's {@code forget-old-master}) runs under its root run's lock and
 * asks for none: asking would wait for its own parent.
 */
public final class PoolLockHold {
  private static final Logger log = Workflow.getLogger(PoolLockHold.class);

  /** The status step of the wait. */
  public static final String STEP = "pool-lock";
  static final String TITLE = "Take the pool lock (one recovery per pool at a time)";

  /** The run's current stubs: those of its version once the frame decided it. */
  private final Supplier<LockActivities> locks;
  private final RunStatusRecorder status;
  /** The lock asked for; null while none was (older runs, backups, child runs). */
  private String key;
  private boolean granted;
  private boolean released;

  PoolLockHold(Supplier<LockActivities> locks, RunStatusRecorder status) {
    this.locks = locks;
    this.status = status;
  }

  /** Waits until this run holds the pool named {@code key}; null takes no lock and adds no command. */
  public void acquire(String key) {
    if (key == null) {
      return;
    }
    WorkflowInfo info = Workflow.getInfo();
    if (info.getParentWorkflowId().isPresent()) {
      String root = info.getRootWorkflowId().orElse(info.getParentWorkflowId().get());
      status.plan(STEP, TITLE);
      status.skip(STEP, "runs under the pool lock of its root run " + root);
      log.info("child run: under the pool lock of {}", root);
      return;
    }
    this.key = key;
    status.start(STEP, TITLE);
    locks.get().requestLock(key, info.getWorkflowId(), info.getRunId());
    Workflow.await(() -> granted);
    status.done(STEP, "this run holds " + LockNames.workflowId(key));
  }

  /** The lock this run asked for; null if it asked for none. */
  public String key() {
    return key;
  }

  /** Gives the pool back (once); a lock that cannot be signalled is already gone. Safe in a cancelled run. */
  public void release() {
    if (key == null || released) {
      return;
    }
    released = true;
    WorkflowInfo info = Workflow.getInfo();
    String lockId = LockNames.workflowId(key);
    Workflow.newDetachedCancellationScope(() -> {
      try {
        Workflow.newUntypedExternalWorkflowStub(lockId)
            .signal(LockNames.RELEASE_SIGNAL, new LockRequest(info.getWorkflowId(), info.getRunId()));
        log.info("released {}", lockId);
      } catch (SignalExternalWorkflowException e) {
        log.info("could not release {} (it has ended): {}", lockId, e.getMessage());
      }
    }).run();
  }

  /** Releases, then hands back {@code e} for the caller to rethrow: a run cancelled or failed otherwise. */
  public <E extends TemporalFailure> E releasing(E e) {
    release();
    return e;
  }

  /** The grant signal; one for another lock, or before this run asked, is ignored. */
  void granted(LockNotice n) {
    if (key != null && key.equals(n.key()) && !granted) {
      granted = true;
      log.info("holds {}", LockNames.workflowId(key));
    }
  }

  /** The lock says who holds the pool while this run waits: the status shows it. */
  void waiting(LockNotice n) {
    if (key == null || !key.equals(n.key()) || granted) {
      return;
    }
    String detail = "waiting for the pool lock held by " + n.holder();
    String queue = n.ahead() > 0 ? " (" + n.ahead() + " more before this run)" : "";
    status.waiting(STEP, LockNames.workflowId(key) + " is held by " + n.holder() + queue);
    status.phase(detail);
    log.info("{}{}", detail, queue);
  }
}
