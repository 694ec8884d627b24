package io.poolrescue.workflows.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.lock.LockNames;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.StepStatus;
import io.poolrescue.workflows.core.PoolLockHold;
import io.poolrescue.workflows.fence.FenceGates;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.poolrescue.workflows.testing.TestPools;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One recovery per pool at a time, through the real Temporal test server in real time (no time
 * skipping) and the simulated pool over XAPI: two FORGET runs of one host under different workflow
 * ids take turns; a holder terminated without releasing is noticed by the lock's check; the master
 * run's child forgets the old master under its parent's lock.
 */
class PoolLockTest {
  /** The lock checks its holder this often here (30 s in production). */
  static final Duration CHECK = Duration.ofSeconds(2);
  /** Real time a test waits for something before it gives up. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void twoRunsOnOnePoolTakeTurns() {
    RunDriver first = firstHoldsThePoolAtAGate();
    RunDriver second = secondWaits();

    PoolLockView lock = lock();
    assertEquals("first", lock.holder());
    assertEquals(List.of("second"), lock.waiting());

    first.reject(FenceGates.FENCE_HOST);
    assertEquals(RunResult.Outcome.REJECTED, first.result().outcome());

    // the first gave the pool back at its end: the second starts its own recovery
    awaitStatus(second, "the second run at its own fence-host gate", s -> !s.openGates().isEmpty());
    RunStatus s = second.status();
    assertEquals(FenceGates.FENCE_HOST, s.openGates().get(0).gateId());
    assertEquals(StepState.DONE, lockStep(s).state());
    assertEquals("second", lock().holder());

    second.reject(FenceGates.FENCE_HOST);
    assertEquals(RunResult.Outcome.REJECTED, second.result().outcome());
    await("the lock free", () -> lock().holder() == null || lockEnded(), PATIENCE);
  }

  @Test
  void aTerminatedHolderLosesTheLockAtTheNextCheck() {
    firstHoldsThePoolAtAGate();
    RunDriver second = secondWaits();

    t.client.newUntypedWorkflowStub("first").terminate("test: the holder goes silent");
    long terminated = System.nanoTime();
    awaitStatus(second, "the second run past the lock", s -> lockStep(s).state() == StepState.DONE);
    Duration took = Duration.ofNanos(System.nanoTime() - terminated);
    assertTrue(took.compareTo(CHECK.multipliedBy(5)) < 0, "freed after " + took + ", checks every " + CHECK);

    PoolLockView lock = lock();
    assertEquals("second", lock.holder());
    assertTrue(lock.lastFreed().startsWith("holder first is TERMINATED and did not release the lock"),
        lock.lastFreed());

    awaitStatus(second, "the second run at its fence-host gate", st -> !st.openGates().isEmpty());
    second.reject(FenceGates.FENCE_HOST);
    assertEquals(RunResult.Outcome.REJECTED, second.result().outcome());
  }

  /** The master run holds the pool; its child forgets the old master without asking (asking would deadlock). */
  @Test
  void theMasterRunsChildRunsUnderItsParentsLock() {
    t = RecoveryTestEnv.spec(TestPools.small("local-host-1")); // time skipping: the run waits 5 min for the old master
    t.sim.killMaster();
    MasterFailureRecovery run = t.newRun(MasterFailureRecovery.class, "master");
    WorkflowClient.start(run::run, new MasterFailureRequest("127.0.10.1", List.of("127.0.10.2", "127.0.10.3"), null,
        Duration.ofMinutes(5), null, RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 4));
    RunDriver master = t.driver("master");
    master.approveEverything();
    assertEquals(RunResult.Outcome.RECOVERED, master.result().outcome(), master.result().summary());

    assertEquals(StepState.DONE, lockStep(master.status()).state());
    StepStatus child = lockStep(t.driver("master/forget-old-master").status());
    assertEquals(StepState.SKIPPED, child.state());
    assertEquals("runs under the pool lock of its root run master", child.detail());
  }

  /** host-2's network is cut: it runs on, its BMC says On, so the first FORGET run stops at fence-host. */
  private RunDriver firstHoldsThePoolAtAGate() {
    t = RecoveryTestEnv.realTime("small", CHECK);
    t.sim.cutNetwork(t.host("host-2").uuid());
    RunDriver first = start("first");
    awaitStatus(first, "the first run at fence-host", s -> !s.openGates().isEmpty());
    assertEquals(FenceGates.FENCE_HOST, first.status().openGates().get(0).gateId());
    return first;
  }

  /** A second FORGET run of the same host, under another workflow id: it waits and says for whom. */
  private RunDriver secondWaits() {
    RunDriver second = start("second");
    RunStatus s = awaitStatus(second, "the second run waiting", st -> st.phase().startsWith("waiting for the pool"));
    assertEquals("waiting for the pool lock held by first", s.phase());
    StepStatus wait = lockStep(s);
    assertEquals(StepState.WAITING, wait.state());
    assertEquals("pool-lock/127.0.10.1 is held by first", wait.detail());
    assertEquals(1, s.steps().size(), "nothing else done or planned while waiting: " + s.steps());
    return second;
  }

  private RunDriver start(String id) {
    MemberFailureRecovery run = t.newRun(MemberFailureRecovery.class, id);
    WorkflowClient.start(run::run, new MemberFailureRequest(t.sim.masterAddress(), t.host("host-2").uuid(),
        Mode.FORGET, RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 0));
    return t.driver(id);
  }

  private PoolLockView lock() {
    return t.client.newUntypedWorkflowStub(LockNames.workflowId("127.0.10.1"))
        .query(LockNames.HOLDER_QUERY, PoolLockView.class);
  }

  private boolean lockEnded() {
    return t.client.newUntypedWorkflowStub(LockNames.workflowId("127.0.10.1")).describe().getStatus()
        != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private static StepStatus lockStep(RunStatus s) {
    return s.steps().stream().filter(x -> x.id().equals(PoolLockHold.STEP)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + PoolLockHold.STEP + " in " + s.steps()));
  }

  /** Polls the run's status in real time (never skipping time) until the condition holds. */
  private static RunStatus awaitStatus(RunDriver run, String what, Predicate<RunStatus> condition) {
    RunStatus[] last = new RunStatus[1];
    await(what, () -> {
      last[0] = run.status();
      if (last[0].result() != null && !condition.test(last[0])) {
        throw new AssertionError(run.workflowId() + " ended (" + last[0].result() + ") while waiting for " + what);
      }
      return condition.test(last[0]);
    }, PATIENCE);
    return last[0];
  }

  private static void await(String what, Supplier<Boolean> condition, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " after " + patience);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
