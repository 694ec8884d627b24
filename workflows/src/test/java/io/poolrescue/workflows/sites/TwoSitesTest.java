package io.poolrescue.workflows.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.PolicyReader;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.StepStatus;
import io.poolrescue.workflows.replay.HistoryFiles;
import io.poolrescue.workflows.replay.RecordHistories;
import io.poolrescue.workflows.testing.Replay;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.util.function.Supplier;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.poolrescue.activities.lock.LockNames;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.SimClock;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.TaskQueues;
import io.poolrescue.workflows.core.RunMetrics;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.TestPools;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pools in two sites on one Temporal server, in real time: each pool on its own loopback range
 * behind its own XAPI server and BMCs, each site with its own worker that reaches only its own pool.
 * A member fails in each pool and both recover; every pool call is made by the pool's own site's
 * worker (its connector, its activities, the pool's journal), and neither worker is given an activity
 * of the other's pool. Lyon's worker stops mid-run: only Lyon's run stalls, saying why, while Paris
 * recovers; a fresh Lyon worker resumes it. A Lyon pool that names Paris as its standby site, under
 * a policy that allows the move, goes on at Paris once a person approves it.
 */
class TwoSitesTest {
  static final String PARIS_POOL = "5a7e0c11-0000-4000-8000-000000000001";
  static final String LYON_POOL = "5a7e0c11-0000-4000-8000-000000000002";
  /** How long a call waits for a worker of its site before the run says none is there (2 min in production). */
  static final Duration SITE_WAIT = Duration.ofSeconds(3);
  static final Duration PATIENCE = Duration.ofSeconds(150);
  /** The standby move's run; also its recorded history's name. */
  static final String MOVED_RUN = "standby-member-forget-moved-site";
  static final String MOVE_GATE = "move-to-standby-site";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private WorkflowClient approver;
  private SitePool paris;
  private SitePool lyon;
  private Inventory inventory;
  private final List<SiteWorker> workers = new ArrayList<>();
  private final CountingReporter metrics = new CountingReporter();
  private Scope scope;

  @BeforeEach
  void setUp() {
    scope = new RootScopeBuilder().reporter(metrics).reportEvery(com.uber.m3.util.Duration.ofMillis(100));
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setMetricsScope(scope)
        .setInitialTime(SimulatedPool.EPOCH)
        .setUseTimeskipping(false)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setIdentity(RecoveryTestEnv.STARTER).build())
        .build());
    approver = WorkflowClient.newInstance(env.getWorkflowServiceStubs(), WorkflowClientOptions.newBuilder()
        .setNamespace(env.getNamespace()).setIdentity(RecoveryTestEnv.APPROVER).build());
    SimClock clock = () -> Instant.ofEpochMilli(env.currentTimeMillis());
    paris = SitePool.start("paris", PARIS_POOL, TestPools.smallAt("pool-paris", "127.0.71.", "a1a1a1a1"), clock, 0,
        dir.resolve("paris-secrets"));
    lyon = SitePool.start("lyon", LYON_POOL, TestPools.smallAt("pool-lyon", "127.0.72.", "b2b2b2b2"), clock,
        paris.server().port(), dir.resolve("lyon-secrets"));
    inventory = new Inventory(List.of(paris.inventoryPool(), lyon.inventoryPool()));
  }

  @AfterEach
  void tearDown() throws Exception {
    workers.forEach(SiteWorker::close);
    env.close();
    scope.close();
    Stream.of(paris, lyon).filter(p -> p != null).forEach(SitePool::close);
  }

  private SiteWorker worker(String name, String site) {
    return worker(name, site, () -> PolicyFile.builtIn(false));
  }

  private SiteWorker worker(String name, String site, Supplier<PolicyFile> policy) {
    SiteWorker w = new SiteWorker(name, site, inventory, env.getWorkflowServiceStubs(), env.getNamespace(),
        paris.server().port(), SITE_WAIT, dir.resolve(name), policy);
    workers.add(w);
    return w;
  }

  @Test
  void eachSitesWorkerRecoversItsOwnPoolAndALostSiteStallsOnlyItsRun() {
    SiteWorker parisWorker = worker("worker-paris", "paris");
    SiteWorker lyonWorker = worker("worker-lyon", "lyon");
    paris.sim().killHost(paris.hostUuid("host-2"));
    lyon.sim().killHost(lyon.hostUuid("host-2"));
    start("recover-paris", paris);
    start("recover-lyon", lyon);

    // Lyon's run reaches a gate; its site's only worker stops before the gate is decided
    awaitStatus("recover-lyon", "a gate of Lyon's run", s -> !s.openGates().isEmpty());
    lyonWorker.close();
    int givenToLostWorker = lyonWorker.executed.size();
    approveOpen("recover-lyon");
    RunStatus stalled = awaitStatus("recover-lyon", "Lyon's run saying it waits for its site",
        s -> s.phase().startsWith("waiting for a worker of site lyon"));
    assertEquals("waiting for a worker of site lyon: no worker took a call on task queue pool-recovery.lyon within 3s",
        stalled.phase());

    // Paris is not held up: its worker runs every workflow task now, and its own pool's calls
    RunResult parisResult = approveUntilDone("recover-paris");
    assertEquals(RunResult.Outcome.RECOVERED, parisResult.outcome(), parisResult.summary());
    RunStatus stillStalled = status("recover-lyon");
    assertNull(stillStalled.result(), "Lyon's run waits for its site");
    assertTrue(stillStalled.phase().startsWith("waiting for a worker of site lyon"), stillStalled.phase());
    assertTrue(stillStalled.warnings().stream().anyMatch(w -> w.contains("start a worker with --site lyon")),
        stillStalled.warnings().toString());

    // a fresh worker of Lyon takes the waiting call and the run goes on to the end
    SiteWorker lyonAgain = worker("worker-lyon-2", "lyon");
    RunResult lyonResult = approveUntilDone("recover-lyon");
    assertEquals(RunResult.Outcome.RECOVERED, lyonResult.outcome(), lyonResult.summary());
    RunStatus lyonEnd = status("recover-lyon");
    assertTrue(lyonEnd.warnings().stream().anyMatch(w -> w.startsWith("a worker of site lyon took the run's calls "
        + "again after")), lyonEnd.warnings().toString());

    assertEquals(givenToLostWorker, lyonWorker.executed.size(), "a stopped worker is given nothing");
    onlyItsOwnPool(parisWorker, paris, lyon);
    onlyItsOwnPool(lyonWorker, lyon, paris);
    onlyItsOwnPool(lyonAgain, lyon, paris);
    forgotten(paris);
    forgotten(lyon);
    countedPerSiteAndPool("paris", PARIS_POOL);
    countedPerSiteAndPool("lyon", LYON_POOL);
    // each run held its own pool's lock, keyed by the inventory's pool uuid whichever worker asked
    for (String pool : List.of(PARIS_POOL, LYON_POOL)) {
      assertEquals("PoolLock", env.getWorkflowClient().newUntypedWorkflowStub(LockNames.workflowId(pool)).describe()
          .getWorkflowType());
    }
  }

  @Test
  void aRunWhoseSiteIsGoneMovesToItsStandbySiteOnceApproved() throws Exception {
    inventory = new Inventory(List.of(paris.inventoryPool(), lyon.inventoryPool().withStandbySite("paris")));
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "standbySite: true\n");
    SiteWorker parisWorker = worker("worker-paris", "paris",
        () -> PolicyReader.read(policy, PoolRescueRegistrations.PROCEDURES, false));
    lyon.sim().killHost(lyon.hostUuid("host-2"));
    start(MOVED_RUN, lyon); // no worker of Lyon is running

    RunStatus asked = awaitStatus(MOVED_RUN, "the move gate", s -> s.openGates().stream()
        .anyMatch(g -> g.gateId().equals(MOVE_GATE)));
    assertTrue(asked.phase().startsWith("waiting for a worker of site lyon"), asked.phase());
    GateView move = asked.openGates().get(0);
    assertEquals("Move this run from site lyon to standby site paris", move.action());
    assertEquals(List.of(LYON_POOL), move.targets());
    assertTrue(move.evidence().get("after the move").contains("task queue pool-recovery.paris"), move.evidence()
        .toString());
    assertTrue(parisWorker.siteBound().isEmpty(), "no call of Lyon's pool ran before the move: "
        + parisWorker.siteBound());
    assertThrows(WorkflowUpdateException.class, () -> env.getWorkflowClient().newUntypedWorkflowStub(MOVED_RUN)
        .update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, new DecideRequest(MOVE_GATE, RecoveryTestEnv.STARTER,
            Decision.APPROVE, "my own run")), "the starter may not approve the move (four eyes)");

    RunResult result = approveUntilDone(MOVED_RUN);
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    forgotten(lyon);
    RunStatus end = status(MOVED_RUN);
    StepStatus moved = end.steps().stream().filter(st -> st.id().equals(MOVE_GATE)).findFirst().orElseThrow();
    assertEquals(StepState.DONE, moved.state(), moved.toString());
    assertTrue(end.warnings().stream().anyMatch(w -> w.startsWith("the run moved from site lyon to its pool's standby "
        + "site paris")), end.warnings().toString());
    // every pool call of the run came to Paris's worker from Paris's queue, and went to Lyon's pool
    assertFalse(parisWorker.siteBound().isEmpty());
    assertTrue(parisWorker.siteBound().stream().allMatch(e -> e.taskQueue().equals(TaskQueues.ofSite("paris"))),
        parisWorker.siteBound().toString());
    assertTrue(lyon.addresses().containsAll(parisWorker.connected), parisWorker.connected.toString());
    assertTrue(parisWorker.siteBound().stream().anyMatch(e -> e.type().startsWith("Fence")), "fenced from Paris");

    WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(MOVED_RUN);
    Replay.assertReplays(history);
    if (Boolean.getBoolean(RecordHistories.RECORD_PROPERTY)) {
      RecordHistories.writeRun(env.getWorkflowClient(), MOVED_RUN, lyon.sim().journal().entries(),
          HistoryFiles.sourceDirectory());
    }
  }

  /** The worker's connector and site-bound activities touched only {@code own}; its shared ones touch no pool. */
  private static void onlyItsOwnPool(SiteWorker w, SitePool own, SitePool other) {
    assertFalse(w.connected.isEmpty(), w.name + " made pool calls");
    assertTrue(own.addresses().containsAll(w.connected), w.name + " connected to " + w.connected);
    assertFalse(w.siteBound().isEmpty(), w.name + " was given pool calls");
    Set<String> foreign = other.addresses();
    for (SiteWorker.Executed e : w.executed) {
      if (e.taskQueue().equals(TaskQueues.POOL_RECOVERY)) {
        assertTrue(Stream.of("Scope", "Policy", "Lock", "Notify").anyMatch(e.type()::startsWith),
            w.name + " took a pool call from the shared queue: " + e);
      } else {
        assertEquals(TaskQueues.ofSite(own.site()), e.taskQueue(), w.name + ": " + e);
        assertTrue(foreign.stream().noneMatch(e.args()::contains), w.name + " was given " + other.site()
            + "'s pool: " + e);
        assertFalse(e.args().contains(other.hostUuid("host-2")), w.name + ": " + e);
      }
    }
  }

  /** The workers' metrics, by site and pool: one run started and recovered, every gate opened closed again. */
  private void countedPerSiteAndPool(String site, String pool) {
    Map<String, String> tags = Map.of("site", site, "pool", pool, "procedure", "MemberFailureRecovery");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // the scope reports every 100 ms
    while (metrics.total(RunMetrics.RUNS_FINISHED, tags) == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(1, metrics.total(RunMetrics.RUNS_STARTED, tags), site);
    assertEquals(1, metrics.total(RunMetrics.RUNS_FINISHED, Map.of("site", site, "pool", pool, "outcome", "RECOVERED")),
        site);
    long opened = metrics.total(RunMetrics.GATES_OPENED, tags);
    assertTrue(opened > 0, site + ": gates opened");
    assertEquals(opened, metrics.total(RunMetrics.GATES_CLOSED, Map.of("site", site, "pool", pool, "state",
        "APPROVED")), site + ": every gate approved");
  }

  /** The pool's own journal: its dead member forgotten once. */
  private static void forgotten(SitePool p) {
    List<JournalEntry> destroys = p.sim().journal().successful("host.destroy");
    assertEquals(1, destroys.size(), p.site() + ": " + destroys);
    assertEquals(List.of(p.hostUuid("host-2")), destroys.get(0).args());
  }

  private void start(String id, SitePool p) {
    MemberFailureRecovery run = env.getWorkflowClient().newWorkflowStub(MemberFailureRecovery.class,
        WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(id).build());
    WorkflowClient.start(run::run, new MemberFailureRequest(p.sim().masterAddress(), p.hostUuid("host-2"),
        Mode.FORGET, RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 0));
  }

  private RunStatus status(String id) {
    return env.getWorkflowClient().newUntypedWorkflowStub(id).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
  }

  private void approveOpen(String id) {
    for (GateView g : status(id).openGates()) {
      approver.newUntypedWorkflowStub(id).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class,
          new DecideRequest(g.gateId(), RecoveryTestEnv.APPROVER, Decision.APPROVE, "checked on site"));
    }
  }

  private RunResult approveUntilDone(String id) {
    RunStatus s = awaitStatus(id, "the end of " + id, st -> {
      if (st.result() == null && !st.openGates().isEmpty()) {
        approveOpen(id);
      }
      return st.result() != null;
    });
    return s.result();
  }

  /** Polls the status in real time until the condition holds; fails if the run ends first or time runs out. */
  private RunStatus awaitStatus(String id, String what, Predicate<RunStatus> condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      RunStatus s = status(id);
      if (condition.test(s)) {
        return s;
      }
      if (s.result() != null) {
        throw new AssertionError(id + " ended (" + s.result() + ") while waiting for " + what);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " after " + PATIENCE + "; phase: " + s.phase());
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
