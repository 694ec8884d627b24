package io.poolrescue.activities.lock;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The pool lock's two reaches outside a workflow: starting (or signalling) the lock workflow of a
 * pool, and asking Temporal whether a holder still runs. Neither touches a pool.
 */
@ActivityInterface(namePrefix = "Lock")
public interface LockActivities {

  /**
   * Asks for the lock {@code pool-lock/<key>} on behalf of the run {@code holderWorkflowId}/{@code holderRunId}:
   * signal-with-start, so the lock workflow is started when nobody holds it. Idempotent: the lock ignores
   * a request it already has. The grant comes back as a signal to the run.
   */
  @ActivityMethod
  void requestLock(String key, String holderWorkflowId, String holderRunId);

  /** Describes the holder's execution: is it still running? A run that continued as new is followed. */
  @ActivityMethod
  HolderCheck holderRunning(String workflowId, String runId);
}
