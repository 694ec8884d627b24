package io.poolrescue.activities.lock;

/**
 * The names of the per-pool lock workflow, defined once: the activity that starts it (by
 * signal-with-start) and the workflow that implements it use the same constants.
 */
public final class LockNames {
  private LockNames() {}

  /** The lock workflow's type. */
  public static final String WORKFLOW_TYPE = "PoolLock";

  /** Every lock's workflow id is this prefix followed by the pool's key. */
  public static final String ID_PREFIX = "pool-lock/";

  /** Signal to the lock: a run asks for it ({@link LockRequest}). */
  public static final String REQUEST_SIGNAL = "requestLock";

  /** Signal to the lock: a run gives it back, or stops waiting for it ({@link LockRequest}). */
  public static final String RELEASE_SIGNAL = "releaseLock";

  /** Query on the lock: who holds it, who waits. */
  public static final String HOLDER_QUERY = "holder";

  /** Failure type when the worker cannot reach Temporal to take a lock (no client configured). */
  public static final String LOCK_UNAVAILABLE = "LOCK_UNAVAILABLE";

  public static String workflowId(String key) {
    return ID_PREFIX + key;
  }
}
