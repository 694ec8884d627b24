package io.poolrescue.activities.lock;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.poolrescue.activities.XapiFailures;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the per-pool lock workflows through the worker's own Temporal client. The lock runs on
 * the task queue of the activity that starts it: where the procedures that hold it run.
 */
public final class LockActivitiesImpl implements LockActivities {
  private static final Logger log = LoggerFactory.getLogger(LockActivitiesImpl.class);

  /** How often a lock asks whether its holder still runs, unless the worker says otherwise. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);

  private static final String STATUS_PREFIX = "WORKFLOW_EXECUTION_STATUS_";

  private final WorkflowClient client;
  private final Duration checkInterval;

  /** {@code client} null: the worker has no Temporal client (tests of activities alone); every call refuses. */
  public LockActivitiesImpl(WorkflowClient client, Duration checkInterval) {
    this.client = client;
    this.checkInterval = checkInterval == null ? DEFAULT_CHECK_INTERVAL : checkInterval;
    if (this.checkInterval.isNegative() || this.checkInterval.isZero()) {
      throw new IllegalArgumentException("the lock check interval must be positive, got " + checkInterval);
    }
  }

  @Override
  public void requestLock(String key, String holderWorkflowId, String holderRunId) {
    if (blank(key) || blank(holderWorkflowId) || blank(holderRunId)) {
      throw XapiFailures.invalid("a lock request needs a key, a workflow id and a run id; got " + key + ", "
          + holderWorkflowId + ", " + holderRunId);
    }
    String taskQueue = Activity.getExecutionContext().getInfo().getActivityTaskQueue();
    String lockId = LockNames.workflowId(key);
    client().newUntypedWorkflowStub(LockNames.WORKFLOW_TYPE, WorkflowOptions.newBuilder()
            .setWorkflowId(lockId)
            .setTaskQueue(taskQueue)
            // a lock that ended when idle starts again for the next request
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build())
        .signalWithStart(LockNames.REQUEST_SIGNAL, new Object[] {new LockRequest(holderWorkflowId, holderRunId)},
            new Object[] {PoolLockState.fresh(key, checkInterval)});
    log.info("{} asked for {} (run {})", holderWorkflowId, lockId, holderRunId);
  }

  @Override
  public HolderCheck holderRunning(String workflowId, String runId) {
    WorkflowExecutionStatus s = status(workflowId, runId);
    if (s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
      s = status(workflowId, null); // the run it continued as holds the lock now
    }
    String name = s == null ? "NOT_FOUND" : s.name().replace(STATUS_PREFIX, "");
    return new HolderCheck(s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, name);
  }

  /** The execution's status, null when Temporal does not know it (never started, or past retention). */
  private WorkflowExecutionStatus status(String workflowId, String runId) {
    try {
      return client().newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty())
          .describe().getStatus();
    } catch (WorkflowNotFoundException e) {
      return null;
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException g && g.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e; // Temporal unreachable: retried
    }
  }

  private WorkflowClient client() {
    if (client == null) {
      throw ApplicationFailure.newNonRetryableFailure("this worker has no Temporal client, so it cannot take the "
          + "pool lock; configure the worker through PoolRescueWorker (or pass a client in ActivityDependencies)",
          LockNames.LOCK_UNAVAILABLE);
    }
    return client;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
