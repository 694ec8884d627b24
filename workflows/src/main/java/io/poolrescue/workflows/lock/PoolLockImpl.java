package io.poolrescue.workflows.lock;

import io.poolrescue.activities.lock.HolderCheck;
import io.poolrescue.activities.lock.LockActivities;
import io.poolrescue.activities.lock.LockActivitiesImpl;
import io.poolrescue.activities.lock.LockRequest;
import io.poolrescue.activities.lock.PoolLockState;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.Failures;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

/**
 * The pool lock: a FIFO queue of runs and at most one holder. Signal handlers only change the
 * queue; the workflow method sends every grant and notice, checks a silent holder every
 * {@code checkInterval} (a run terminated or timed out never gives the lock back), continues as new
 * before its history grows long, and ends once nobody has held or asked for it for one interval.
 */
public final class PoolLockImpl implements PoolLock {
  private static final Logger log = Workflow.getLogger(PoolLockImpl.class);

  /** Grants per run before continuing as new (unless the start input says otherwise): each costs a few events a waiter. */
  static final int GRANTS_PER_RUN = 100;
  /** A holder checked every 30 s for hours adds about 11 events a check; well below Temporal's warnings. */
  static final long MAX_HISTORY_EVENTS = 2_000;

  private final LockActivities acts = Workflow.newActivityStub(LockActivities.class, ActivityStubs.CALLS);
  private final String key;
  private final Duration checkInterval;
  private final int grantsPerRun;
  private final Deque<LockRequest> waiting = new ArrayDeque<>();
  /** Grants and notices decided by the handlers or the loop, sent by the loop (handlers do not block). */
  private final List<Runnable> outbox = new ArrayList<>();
  private LockRequest holder;
  private long heldSince;
  private String lastFreed;
  private int grants;

  @WorkflowInit
  public PoolLockImpl(PoolLockState s) {
    key = s.key();
    boolean intervalGiven = s.checkInterval() != null && s.checkInterval().compareTo(Duration.ZERO) > 0;
    checkInterval = intervalGiven ? s.checkInterval() : LockActivitiesImpl.DEFAULT_CHECK_INTERVAL;
    grantsPerRun = s.grantsPerRun() > 0 ? s.grantsPerRun() : GRANTS_PER_RUN;
    holder = s.holder();
    heldSince = s.heldSinceMillis();
    waiting.addAll(s.waiting() == null ? List.of() : s.waiting());
    lastFreed = s.lastFreed();
  }

  @Override
  public void run(PoolLockState ignored) {
    while (true) {
      sendOutbox();
      if (historyLong() && (holder != null || !waiting.isEmpty())) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (outbox.isEmpty()) {
          log.info("pool lock {}: continuing as new after {} grants, {} events; holder {}, {} waiting", key, grants,
              Workflow.getInfo().getHistoryLength(), holder == null ? "none" : holder.workflowId(), waiting.size());
          Workflow.continueAsNew(state());
        }
        continue;
      }
      if (holder == null && !waiting.isEmpty()) {
        grantNext();
        continue;
      }
      if (holder == null) {
        if (!Workflow.await(checkInterval, () -> !waiting.isEmpty() || !outbox.isEmpty())) {
          log.info("pool lock {}: nobody holds or asks for it; ending", key);
          return; // a later request starts it again (signal-with-start)
        }
        continue;
      }
      LockRequest h = holder;
      if (!Workflow.await(checkInterval, () -> holder != h || !outbox.isEmpty())) {
        checkHolder(h);
      }
    }
  }

  @Override
  public void request(LockRequest r) {
    if (holder != null && holder.workflowId().equals(r.workflowId())) {
      if (!holder.runId().equals(r.runId())) {
        // a new run under the holder's workflow id: the old one is over (workflow ids are unique among running runs)
        lastFreed = "holder " + holder.workflowId() + " run " + holder.runId() + " was replaced by run " + r.runId();
        log.info("pool lock {}: {}", key, lastFreed);
        hold(r);
      }
      LockRequest granted = holder;
      outbox.add(() -> grant(granted)); // the same request again (a retried activity): grant it again
      return;
    }
    waiting.removeIf(w -> w.workflowId().equals(r.workflowId()));
    waiting.addLast(r);
    if (holder != null) {
      int ahead = waiting.size() - 1;
      String by = holder.workflowId();
      outbox.add(() -> tellWaiting(r, by, ahead));
      log.info("pool lock {}: {} waits, held by {}", key, r.workflowId(), by);
    }
  }

  @Override
  public void release(LockRequest r) {
    if (holder != null && holder.equals(r)) {
      log.info("pool lock {}: released by {}", key, r.workflowId());
      holder = null;
      heldSince = 0;
    } else {
      waiting.remove(r); // it stopped waiting (cancelled); a late release of an old holder changes nothing
    }
  }

  @Override
  public PoolLockView holder() {
    return new PoolLockView(key, holder == null ? null : holder.workflowId(),
        holder == null ? null : Instant.ofEpochMilli(heldSince),
        waiting.stream().map(LockRequest::workflowId).toList(), lastFreed);
  }

  private void grantNext() {
    hold(waiting.pollFirst());
    LockRequest granted = holder;
    outbox.add(() -> grant(granted));
    int ahead = 0;
    for (LockRequest w : List.copyOf(waiting)) {
      int a = ahead++;
      outbox.add(() -> tellWaiting(w, granted.workflowId(), a));
    }
  }

  private void hold(LockRequest r) {
    holder = r;
    heldSince = Workflow.currentTimeMillis();
    grants++;
    log.info("pool lock {}: granted to {}", key, r.workflowId());
  }

  private void sendOutbox() {
    while (!outbox.isEmpty()) {
      outbox.remove(0).run();
    }
  }

  private void grant(LockRequest r) {
    if (!r.equals(holder)) {
      return; // released or replaced before the grant went out
    }
    if (!signal(r, PoolLockWaiter.GRANTED_SIGNAL, new LockNotice(key, r.workflowId(), 0)) && r.equals(holder)) {
      free("holder " + r.workflowId() + " had ended before the lock reached it");
    }
  }

  private void tellWaiting(LockRequest r, String by, int ahead) {
    if (waiting.contains(r) && !signal(r, PoolLockWaiter.WAITING_SIGNAL, new LockNotice(key, by, ahead))) {
      waiting.remove(r); // it ended while waiting
    }
  }

  /** Signals that exact run; false when it is no longer running. */
  private boolean signal(LockRequest r, String name, LockNotice notice) {
    try {
      Workflow.newUntypedExternalWorkflowStub(WorkflowExecution.newBuilder()
          .setWorkflowId(r.workflowId()).setRunId(r.runId()).build()).signal(name, notice);
      return true;
    } catch (SignalExternalWorkflowException e) {
      log.info("pool lock {}: could not signal {}: {}", key, r.workflowId(), e.getMessage());
      return false;
    }
  }

  /** A holder that went silent: Temporal says whether it still runs; if not, the next run gets the pool. */
  private void checkHolder(LockRequest h) {
    HolderCheck c;
    try {
      c = acts.holderRunning(h.workflowId(), h.runId());
    } catch (ActivityFailure e) {
      log.warn("pool lock {}: cannot tell whether {} still runs ({}); it keeps the lock", key, h.workflowId(),
          Failures.describe(e));
      return;
    }
    if (!c.running() && h.equals(holder)) {
      free("holder " + h.workflowId() + " is " + c.status() + " and did not release the lock");
    }
  }

  private void free(String why) {
    lastFreed = why + " (freed at " + Instant.ofEpochMilli(Workflow.currentTimeMillis()) + ")";
    log.warn("pool lock {}: {}", key, lastFreed);
    holder = null;
    heldSince = 0;
  }

  private boolean historyLong() {
    return grants >= grantsPerRun || Workflow.getInfo().getHistoryLength() >= MAX_HISTORY_EVENTS
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private PoolLockState state() {
    return new PoolLockState(key, checkInterval, holder, heldSince, List.copyOf(waiting), lastFreed, grantsPerRun);
  }
}
