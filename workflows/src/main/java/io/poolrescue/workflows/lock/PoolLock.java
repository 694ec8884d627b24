package io.poolrescue.workflows.lock;

import io.poolrescue.activities.lock.LockNames;
import io.poolrescue.activities.lock.LockRequest;
import io.poolrescue.activities.lock.PoolLockState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One recovery per pool at a time: a lock workflow per pool, workflow id {@code pool-lock/<key>},
 * started by signal-with-start by the first run that asks. It grants the pool to one root run at a
 * time, first come first served, and takes it back when the holder gives it back or stops running.
 */
@WorkflowInterface
public interface PoolLock {

  @WorkflowMethod(name = LockNames.WORKFLOW_TYPE)
  void run(PoolLockState state);

  @SignalMethod(name = LockNames.REQUEST_SIGNAL, description = "A run asks for the pool: {workflowId, runId}")
  void request(LockRequest request);

  @SignalMethod(name = LockNames.RELEASE_SIGNAL, description = "A run gives the pool back, or stops waiting for it")
  void release(LockRequest request);

  @QueryMethod(name = LockNames.HOLDER_QUERY, description = "Who holds the pool, who waits, why it was last freed")
  PoolLockView holder();
}
