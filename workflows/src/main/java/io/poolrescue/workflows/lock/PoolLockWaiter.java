package io.poolrescue.workflows.lock;

import io.temporal.workflow.SignalMethod;

/** The signals a pool lock sends to the runs that ask for it (every procedure receives them). */
public interface PoolLockWaiter {
  String GRANTED_SIGNAL = "poolLockGranted";
  String WAITING_SIGNAL = "poolLockWaiting";

  @SignalMethod(name = GRANTED_SIGNAL, description = "From the pool lock: this run holds the pool now")
  void poolLockGranted(LockNotice notice);

  @SignalMethod(name = WAITING_SIGNAL, description = "From the pool lock: this run waits; who holds the pool")
  void poolLockWaiting(LockNotice notice);
}
