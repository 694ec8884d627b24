package io.poolrescue.workflows.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.poolrescue.activities.lock.LockActivitiesImpl;
import io.poolrescue.activities.lock.LockNames;
import io.poolrescue.activities.lock.PoolLockState;
import io.poolrescue.activities.policy.PolicyActivitiesImpl;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.scope.RequestScopeActivitiesImpl;
import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.TaskQueues;
import io.poolrescue.workflows.core.PoolLockHold;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock's queue on its own, in real time: runs of a test procedure ({@link LockProbe}, through
 * the real run frame) ask for one key. First come first served; a waiter cancelled leaves the
 * queue; the lock continues as new after its grants and keeps holder and queue.
 */
class PoolLockQueueTest {
  static final String KEY = "probe-pool";
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = env.newWorker(TaskQueues.POOL_RECOVERY);
    worker.registerWorkflowImplementationTypes(PoolLockImpl.class, LockProbeImpl.class);
    client = env.getWorkflowClient();
    // the frame reads the policy and checks the request's scope before it asks for the lock
    worker.registerActivitiesImplementations(new LockActivitiesImpl(client, Duration.ofSeconds(5)),
        new PolicyActivitiesImpl(() -> PolicyFile.builtIn(false)),
        new RequestScopeActivitiesImpl(AddressAllowlist.loopback(), null));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void firstComeFirstServedAndACancelledWaiterLeavesTheQueue() {
    LockProbe a = probe("a");
    awaitHolder("a");
    probe("b");
    awaitWaiting(List.of("b"));
    probe("c");
    awaitWaiting(List.of("b", "c"));
    assertEquals("waiting for the pool lock held by a", status("c").phase());
    assertEquals("pool-lock/" + KEY + " is held by a (1 more before this run)", lockStep("c").detail());

    client.newUntypedWorkflowStub("b").cancel();
    awaitWaiting(List.of("c"));
    assertThrows(WorkflowFailedException.class, () -> client.newUntypedWorkflowStub("b").getResult(RunResult.class));

    a.finish();
    awaitHolder("c");
    await("c told it holds the lock", () -> lockStep("c").state() == StepState.DONE);
    client.newWorkflowStub(LockProbe.class, "c").finish();
    assertEquals(RunResult.Outcome.NOTHING_TO_DO, client.newUntypedWorkflowStub("c").getResult(RunResult.class)
        .outcome());
  }

  @Test
  void continuesAsNewAfterItsGrantsKeepingHolderAndQueue() {
    // started by hand with two grants a run, before any probe asks (their signal-with-start then only signals)
    WorkflowStub lock = client.newUntypedWorkflowStub(LockNames.WORKFLOW_TYPE, WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(LockNames.workflowId(KEY)).build());
    String firstRun = lock.start(new PoolLockState(KEY, Duration.ofSeconds(6), null, 0, List.of(), null, 2))
        .getRunId();
    LockProbe a = probe("a");
    awaitHolder("a");
    probe("b");
    awaitWaiting(List.of("b")); // each run reads its policy and scope first: b asks before c only if c waits
    probe("c");
    awaitWaiting(List.of("b", "c"));

    a.finish(); // the second grant: b holds, then the lock continues as new
    await("the lock continued as new", () -> !currentRun().equals(firstRun));
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW,
        client.newUntypedWorkflowStub(LockNames.workflowId(KEY), java.util.Optional.of(firstRun),
            java.util.Optional.empty()).describe().getStatus());
    awaitHolder("b");
    awaitWaiting(List.of("c"));

    client.newWorkflowStub(LockProbe.class, "b").finish();
    awaitHolder("c"); // granted by the new run, from the queue it was given
    client.newWorkflowStub(LockProbe.class, "c").finish();
    client.newUntypedWorkflowStub("c").getResult(RunResult.class);
    await("the lock idle and ended", () -> client.newUntypedWorkflowStub(LockNames.workflowId(KEY)).describe()
        .getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertNotEquals(firstRun, currentRun());
  }

  private LockProbe probe(String id) {
    LockProbe p = client.newWorkflowStub(LockProbe.class, WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(id).build());
    WorkflowClient.start(p::run, KEY);
    return client.newWorkflowStub(LockProbe.class, id);
  }

  private String currentRun() {
    return client.newUntypedWorkflowStub(LockNames.workflowId(KEY)).describe().getExecution().getRunId();
  }

  /** The lock's holder query; an empty view before the first request has started it. */
  private PoolLockView view() {
    try {
      return client.newUntypedWorkflowStub(LockNames.workflowId(KEY)).query(LockNames.HOLDER_QUERY, PoolLockView.class);
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return new PoolLockView(KEY, null, null, List.of(), null);
    }
  }

  private RunStatus status(String id) {
    return client.newUntypedWorkflowStub(id).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
  }

  private io.poolrescue.workflows.api.StepStatus lockStep(String id) {
    return status(id).steps().stream().filter(s -> s.id().equals(PoolLockHold.STEP)).findFirst().orElseThrow();
  }

  private void awaitHolder(String id) {
    await("holder " + id, () -> id.equals(view().holder()));
  }

  private void awaitWaiting(List<String> ids) {
    await("waiting " + ids, () -> ids.equals(view().waiting()));
  }

  private static void await(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " after " + PATIENCE);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
