package io.poolrescue.workflows.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.BackupKeyring;
import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.simulator.xapi.WireFault;
import io.poolrescue.simulator.xapi.WireFaultPlan;
import io.poolrescue.simulator.xapi.WireFaults;
import io.poolrescue.simulator.xapi.XapiServer;
import io.poolrescue.simulator.xapi.XapiServerOptions;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.HostConfigRestore;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.TaskQueues;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.replay.HistoryFiles;
import io.poolrescue.workflows.replay.RecordHistories;
import io.poolrescue.workflows.testing.ActivityStarts;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.KillSwitchConnector;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.Replay;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker killed in the middle of a long activity: Temporal's test server in real time (no time
 * skipping), each worker with its own connection to it, the pool over the XAPI wire. Killing a worker
 * closes its connection and stops its pool calls, so nothing of it reaches the server or the pool any
 * more, as with SIGKILL; a fresh worker must take the activity over within the heartbeat timeout (plus
 * the retry's backoff), and the retry must still find the killed attempt's "sent" marker, and read
 * from the upload's task whether the host took what was sent.
 */
class KilledWorkerTest {
  private static final Logger log = LoggerFactory.getLogger(KilledWorkerTest.class);
  private static final String STARTER = "alice";
  private static final String APPROVER = "bob";
  private static final String HOST_RESTORE = "PUT /host_restore";
  private static final String UPLOAD_ACTIVITY = "HostRestoreUploadHostBackup";
  /** Long enough to kill the worker well inside it. */
  private static final Duration UPLOAD = Duration.ofSeconds(40);
  /** Past the SDK's first throttled send (8 s under a 10 s heartbeat timeout): side beats reached the server. */
  private static final Duration KILL_AFTER_SEND = Duration.ofSeconds(10);
  /** The bound of issue 12: a kill stalls the run for less than this. */
  private static final Duration STALL_BOUND = Duration.ofSeconds(15);
  /** How long a dropped upload's task may stay pending before the host is taken never to have read it. */
  private static final Duration PICK_UP = Duration.ofSeconds(8);

  private final List<AutoCloseable> open = new ArrayList<>();
  private int port;
  private SimulatedPool sim;
  private BackupStore store;
  private SimulatedFencing fencing;
  private PoolConnector wire;
  private WireFaults faults;

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void aWorkerKilledDuringAnUploadIsReplacedWithinFifteenSecondsAndTheUploadIsNotSentAgain() throws Exception {
    world(SimLatencies.instant().withHostRestoreUpload(UPLOAD));
    WorkflowClient starter = client(STARTER);
    WorkflowClient approver = client(APPROVER);
    KillSwitchConnector doomed = new KillSwitchConnector("hostRestore");
    open.add(doomed);
    ActivityStarts startsOnA = new ActivityStarts();
    WorkerFactory a = worker("worker-a", doomed.wrap(wire), startsOnA);

    String id = "hostcfg-killed-worker";
    long seq = Journal.lastSeq(sim.journal());
    Host h2 = restoreHost2UpToTheUpload(starter, approver, id);

    Instant sent = doomed.entered(60);
    sleepUntil(sent.plus(KILL_AFTER_SEND));
    ActivityStarts.Start first = only(startsOnA, UPLOAD_ACTIVITY);
    assertEquals(ActivityStubs.LOST_WORKER, first.info().getHeartbeatTimeout(),
        "a run of this version notices a lost worker quickly");
    doomed.kill();
    a.getWorkflowClient().getWorkflowServiceStubs().shutdownNow(); // nothing of worker-a reaches the server
    a.shutdownNow();
    Instant killedAt = Instant.now();
    assertTrue(Duration.between(sent, killedAt).compareTo(UPLOAD) < 0, "killed while the upload still ran");

    ActivityStarts startsOnB = new ActivityStarts();
    worker("worker-b", wire, startsOnB);
    ActivityStarts.Start retry = awaitStart(startsOnB, UPLOAD_ACTIVITY, STALL_BOUND.multipliedBy(4));
    Duration stall = Duration.between(killedAt, retry.at());
    assertTrue(retry.attempt() >= 2, "the fresh worker runs a retry: attempt " + retry.attempt());
    log.info("worker-b started attempt {} of the upload {} ms after worker-a was killed", retry.attempt(),
        stall.toMillis());
    assertTrue(stall.compareTo(STALL_BOUND) < 0, "the fresh worker took the upload over " + stall + " after the kill");

    // the retry read the killed attempt's marker: it sends nothing, and the run goes on to the reboot
    awaitStatus(starter, id, "the reboot gate", s -> hasGate(s, "reboot-into-restore"));
    sleepUntil(sent.plus(UPLOAD)); // the killed worker's PUT has run its course in the pool
    assertEquals(1, hostRestores(seq).size(), "one upload, not sent again by the retry: " + hostRestores(seq));
    rebootIntoTheRestoreAndRecover(starter, approver, id, h2, seq);
  }

  @Test
  void anUploadDroppedBeforeTheHostReadItIsSentAgainByTheWorkerThatTakesOver() throws Exception {
    String id = "hostcfg-dropped-upload-killed-worker";
    Host h2 = dropTheUploadAndKillItsWorker(id);
    long seq = Journal.lastSeq(sim.journal());

    worker("worker-b", wire, new ActivityStarts());
    WorkflowClient starter = client(STARTER);
    // the retry reads the dropped upload's task, still pending: the host never took it, so it is sent again
    awaitStatus(starter, id, "the reboot gate", s -> hasGate(s, "reboot-into-restore"));
    assertEquals(1, hostRestores(seq).size(), "the upload was sent again and staged: " + hostRestores(seq));
    rebootIntoTheRestoreAndRecover(starter, client(APPROVER), id, h2, seq);
  }

  @Test
  void anUploadWhoseTaskVanishedIsSentAgainOnlyOnceAPersonApprovesAgain() throws Exception {
    String id = "hostcfg-upload-task-gone";
    Host h2 = dropTheUploadAndKillItsWorker(id);
    long seq = Journal.lastSeq(sim.journal());
    // the master's agent restarts: the task that tracked the upload dies with it
    sim.restartAgentAt(sim.masterAddress());

    worker("worker-b", wire, new ActivityStarts());
    WorkflowClient starter = client(STARTER);
    awaitStatus(starter, id, "the upload gate asked again", s -> hasGate(s, "upload-host-backup#2"));
    RunStatus asked = status(starter, id);
    assertTrue(asked.warnings().stream().anyMatch(w -> w.contains("whether the host staged it is not known")),
        asked.warnings().toString());
    assertTrue(asked.openGates().get(0).evidence().get("earlier upload").contains("is gone"),
        asked.openGates().get(0).evidence().toString());
    assertEquals(List.of(), hostRestores(seq), "nothing is sent before the second approval");

    WorkflowClient approver = client(APPROVER);
    approve(approver, id, "upload-host-backup#2");
    awaitStatus(starter, id, "the reboot gate", s -> hasGate(s, "reboot-into-restore"));
    rebootIntoTheRestoreAndRecover(starter, approver, id, h2, seq);
    RunStatus end = status(starter, id);
    assertEquals(List.of("upload-host-backup#2"), end.operations().stream()
        .filter(o -> o.call().equals(HOST_RESTORE)).map(o -> o.gateId()).toList(), "the upload under the second gate");

    WorkflowExecutionHistory history = starter.fetchHistory(id);
    Replay.assertReplays(history);
    if (Boolean.getBoolean(RecordHistories.RECORD_PROPERTY)) {
      RecordHistories.writeRun(starter, id, sim.journal().entries(), HistoryFiles.sourceDirectory());
    }
  }

  /**
   * Up to the upload's gate, approved; the first PUT is dropped before the host reads it and its worker
   * dies while it waits for the upload's task.
   */
  private Host dropTheUploadAndKillItsWorker(String id) throws Exception {
    world(SimLatencies.instant(), WireFaultPlan.only(1.0, 12, WireFault.DROPPED_BEFORE).onCalls(HOST_RESTORE)
        .firstCallsOnly(1), PICK_UP);
    KillSwitchConnector doomed = new KillSwitchConnector("hostRestore");
    open.add(doomed);
    WorkerFactory a = worker("worker-a", doomed.wrap(wire), new ActivityStarts());
    long seq = Journal.lastSeq(sim.journal());
    Host h2 = restoreHost2UpToTheUpload(client(STARTER), client(APPROVER), id);

    doomed.entered(60);
    awaitUntil("the dropped upload", Duration.ofSeconds(30), () -> faults.total() == 1);
    Thread.sleep(1000); // the attempt records the drop in its marker, then reads the task for PICK_UP
    doomed.kill();
    a.getWorkflowClient().getWorkflowServiceStubs().shutdownNow();
    a.shutdownNow();
    assertEquals(List.of(), hostRestores(seq), "nothing staged yet");
    return h2;
  }

  /** Starts the restore of host-2 (its backup taken, its configuration then damaged) and approves the upload. */
  private Host restoreHost2UpToTheUpload(WorkflowClient starter, WorkflowClient approver, String id)
      throws InterruptedException {
    Host h2 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
    BackupRecord backup = store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(), Instant.now(),
        sim.hostBackup(h2.uuid())));
    sim.damageConfig(h2.uuid());
    HostConfigRestore run = starter.newWorkflowStub(HostConfigRestore.class,
        WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(id).build());
    WorkflowClient.start(run::run, new HostConfigRestoreRequest(sim.masterAddress(), h2.uuid(), backup.id(),
        Duration.ofMinutes(20), STARTER, ApprovalPolicy.defaults()));
    awaitStatus(starter, id, "the upload gate", s -> hasGate(s, "upload-host-backup"));
    approve(approver, id, "upload-host-backup");
    return h2;
  }

  /** The operator's reboot into the installer's restore, approved: the run recovers, with one upload staged in all. */
  private void rebootIntoTheRestoreAndRecover(WorkflowClient starter, WorkflowClient approver, String id, Host h2,
      long seq) throws Exception {
    sim.rebootIntoInstallerRestore(h2.uuid());
    approve(approver, id, "reboot-into-restore");
    RunResult result = starter.newUntypedWorkflowStub(id).getResult(3, TimeUnit.MINUTES, RunResult.class);
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(1, hostRestores(seq).size(), hostRestores(seq).toString());
    assertEquals("ok", hostRestores(seq).get(0).outcome());
  }

  private void world(SimLatencies latencies) throws IOException {
    world(latencies, WireFaultPlan.none(), Duration.ofSeconds(2));
  }

  private void world(SimLatencies latencies, WireFaultPlan plan, Duration pickUp) throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    open.add(TestServer.createPortBoundServer(port)); // real time: time skipping stays locked
    // the demo's short XAPI timings: the host's reboot into the restore passes in wall time
    sim = SimulatedPool.preset("small", Instant::now, SimTimings.demo(), latencies);
    Path dir = Files.createTempDirectory("poolrescue-kill");
    open.add(() -> {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    });
    store = new DirectoryBackupStore(dir.resolve("store"), BackupKeyring.generate(dir.resolve("backup.key")));
    fencing = SimulatedFencing.start(sim, dir.resolve("secrets"), "root", "env:POOLRESCUE_TEST_XAPI_PASSWORD");
    open.add(fencing::close);
    XapiServer server = XapiServer.start(sim, XapiServerOptions.defaults().withFaults(plan));
    open.add(server::close);
    faults = server.faults();
    wire = new XapiConnector(RecoveryTestEnv.wireConfig(server).pickUpTimeout(pickUp).build());
  }

  /** A client on its own connection to the server. */
  private WorkflowClient client(String identity) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    open.add(stubs::shutdownNow);
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setIdentity(identity).build());
  }

  /** A worker as production builds it (its factory's side beats included), in its own "process". */
  private WorkerFactory worker(String identity, PoolConnector connector, ActivityStarts starts) {
    WorkflowClient client = client(identity);
    WorkerFactoryOptions production = PoolRescueRegistrations.factoryOptions();
    List<WorkerInterceptor> interceptors = new ArrayList<>(List.of(production.getWorkerInterceptors()));
    interceptors.add(starts);
    WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder(production)
        .setWorkerInterceptors(interceptors.toArray(new WorkerInterceptor[0])).build());
    open.add(factory::shutdownNow);
    // the test server has no sticky-queue timeout: without stickiness another worker can take any run over
    Worker w = factory.newWorker(TaskQueues.POOL_RECOVERY,
        WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    PolicyFile policy = PolicyFile.builtIn(false);
    PoolRescueRegistrations.register(w, new ActivityDependencies(connector, store, new LoggingNotificationSink(),
        fencing.fencing(), false, () -> policy).withClient(client));
    factory.start();
    return factory;
  }

  private static RunStatus status(WorkflowClient c, String id) {
    return c.newUntypedWorkflowStub(id).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
  }

  private static void awaitStatus(WorkflowClient c, String id, String what, Predicate<RunStatus> condition)
      throws InterruptedException {
    awaitUntil(what, Duration.ofSeconds(90), () -> {
      RunStatus s = status(c, id);
      assertEquals(null, s.result(), "the run ended while waiting for " + what);
      return condition.test(s);
    });
  }

  private static boolean hasGate(RunStatus s, String gateId) {
    return s.openGates().stream().anyMatch(g -> g.gateId().equals(gateId));
  }

  private static GateDecision approve(WorkflowClient approver, String id, String gateId) {
    return approver.newUntypedWorkflowStub(id).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class,
        new DecideRequest(gateId, APPROVER, Decision.APPROVE, "checked in the datacentre"));
  }

  private static ActivityStarts.Start only(ActivityStarts starts, String type) {
    List<ActivityStarts.Start> of = starts.all().stream().filter(s -> s.activityType().equals(type)).toList();
    assertEquals(1, of.size(), "attempts of " + type + ": " + of);
    return of.get(0);
  }

  private static ActivityStarts.Start awaitStart(ActivityStarts starts, String type, Duration patience)
      throws InterruptedException {
    awaitUntil("an attempt of " + type, patience,
        () -> starts.all().stream().anyMatch(s -> s.activityType().equals(type)));
    return starts.all().stream().filter(s -> s.activityType().equals(type)).findFirst().orElseThrow();
  }

  private static void awaitUntil(String what, Duration patience, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "no " + what + " within " + patience);
      Thread.sleep(100);
    }
  }

  private static void sleepUntil(Instant t) throws InterruptedException {
    long ms = Duration.between(Instant.now(), t).toMillis();
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  private List<JournalEntry> hostRestores(long fromSeq) {
    return sim.journal().entries().stream().filter(e -> e.seq() > fromSeq && e.call().equals(HOST_RESTORE))
        .toList();
  }
}
