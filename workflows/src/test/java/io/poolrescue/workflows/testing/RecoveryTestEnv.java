package io.poolrescue.workflows.testing;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.BackupKeyring;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.SimClock;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.simulator.xapi.WireFaultPlan;
import io.poolrescue.simulator.xapi.XapiServer;
import io.poolrescue.simulator.xapi.XapiServerOptions;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One test's world: Temporal's test server (time skipping, except {@link #realTime}) and a simulated pool whose clock IS the
 * test server's clock, so the master's 600 s heartbeat timeout passes when Temporal skips time. The
 * worker registers exactly what production registers ({@link PoolRescueRegistrations}). Runs are
 * started by {@value #STARTER}; decisions come from a second client whose identity is {@value #APPROVER}.
 */
public final class RecoveryTestEnv implements AutoCloseable {
  public static final String STARTER = "alice";
  public static final String APPROVER = "bob";
  public static final String SECOND_APPROVER = "carol";

  public final TestWorkflowEnvironment env;
  public final SimulatedPool sim;
  public final WorkflowClient client;
  public final WorkflowClient approverClient;
  public final RecordingNotificationSink notifications = new RecordingNotificationSink();
  /** The worker's backup store, encrypted at rest like production's (pool dumps and host backups need a key). */
  public final BackupStore store;
  /** The pool's BMCs over Redfish on loopback, and the inventory the worker fences them through. */
  public final SimulatedFencing fencing;
  private final Path backupDir;
  private XapiServer server;

  private RecoveryTestEnv(Function<SimClock, SimulatedPool> pool, boolean overTheWire) {
    this(pool, overTheWire, false, UnaryOperator.identity(), c -> c);
  }

  private RecoveryTestEnv(Function<SimClock, SimulatedPool> pool, boolean overTheWire, boolean attestationAllowed,
      UnaryOperator<Inventory> inventory, UnaryOperator<PoolConnector> wrap, Class<?>... extraWorkflows) {
    this(pool, overTheWire, attestationAllowed, inventory, wrap, null, true, null, XapiServerOptions.defaults(),
        extraWorkflows);
  }

  /** With {@code policy} null the worker has no policy file (the built-in policy). */
  private RecoveryTestEnv(Function<SimClock, SimulatedPool> pool, boolean overTheWire, boolean attestationAllowed,
      UnaryOperator<Inventory> inventory, UnaryOperator<PoolConnector> wrap, PolicyFile policy, boolean timeSkipping,
      Duration lockCheckInterval, XapiServerOptions wireOptions, Class<?>... extraWorkflows) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(SimulatedPool.EPOCH)
        .setWorkerFactoryOptions(PoolRescueRegistrations.factoryOptions())
        .setUseTimeskipping(timeSkipping)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setIdentity(STARTER).build())
        .build());
    sim = pool.apply(() -> Instant.ofEpochMilli(env.currentTimeMillis()));
    try {
      backupDir = Files.createTempDirectory("poolrescue-backups");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store = new DirectoryBackupStore(backupDir.resolve("store"), BackupKeyring.generate(backupDir.resolve("backup.key")));
    fencing = SimulatedFencing.start(sim, backupDir.resolve("secrets"), "root", "env:POOLRESCUE_TEST_XAPI_PASSWORD",
        inventory);
    Worker worker = env.newWorker(TaskQueues.POOL_RECOVERY);
    PolicyFile workerPolicy = policy != null ? policy : PolicyFile.builtIn(attestationAllowed);
    // the worker's own client, as in production: the pool lock's activities start and describe workflows with it
    PoolRescueRegistrations.register(worker, new ActivityDependencies(wrap.apply(overTheWire ? wire(timeSkipping, wireOptions) : sim), store,
        notifications, fencing.fencing(), attestationAllowed, () -> workerPolicy).withClient(env.getWorkflowClient())
        .withLockCheckInterval(lockCheckInterval));
    if (extraWorkflows.length > 0) {
      worker.registerWorkflowImplementationTypes(extraWorkflows);
    }
    client = env.getWorkflowClient();
    approverClient = WorkflowClient.newInstance(env.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).setIdentity(APPROVER).build());
    env.start();
  }

  /**
   * A preset pool ("small", "small-ha", "large") with default XAPI timings, reached by the
   * activities through the real XapiClient over loopback JSON-RPC to an XapiServer serving it.
   */
  public static RecoveryTestEnv preset(String name) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(name, clock, SimTimings.defaults()), true);
  }

  /** The same pool reached in-process (the simulator as the connector), for the slow large fan-outs. */
  public static RecoveryTestEnv presetInProcess(String name) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(name, clock, SimTimings.defaults()), false);
  }

  /**
   * Over the wire, with operations taking {@code latencies}: a latency passes in wall time (the pool's
   * clock is the test server's, which runs at wall speed while no test thread waits on a result).
   */
  public static RecoveryTestEnv withLatencies(String name, SimLatencies latencies) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(name, clock, SimTimings.defaults(), latencies), true);
  }

  /**
   * In-process and time-skipping, with the pool lock checking its holder every {@code lockCheckInterval}:
   * for runs that wait for weeks (30 s checks would be most of the work).
   */
  public static RecoveryTestEnv presetInProcess(String name, Duration lockCheckInterval) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(name, clock, SimTimings.defaults()), false, false,
        UnaryOperator.identity(), c -> c, null, true, lockCheckInterval, XapiServerOptions.defaults());
  }

  /** In-process, with the connector wrapped (to observe calls) and test-only workflows registered beside the real ones. */
  public static RecoveryTestEnv instrumented(String preset, UnaryOperator<PoolConnector> wrap,
      Class<?>... extraWorkflows) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(preset, clock, SimTimings.defaults()), false, false,
        UnaryOperator.identity(), wrap, extraWorkflows);
  }

  /** In-process, a pool from {@code spec}, with the connector wrapped (to observe or lose calls). */
  public static RecoveryTestEnv instrumented(PoolSpec spec, UnaryOperator<PoolConnector> wrap,
      Class<?>... extraWorkflows) {
    return new RecoveryTestEnv(clock -> SimulatedPool.fromSpec(spec, clock, SimTimings.defaults()), false, false,
        UnaryOperator.identity(), wrap, extraWorkflows);
  }

  /**
   * Over the wire, with the worker's inventory changed by {@code inventory} (a host without its BMC)
   * and, with {@code attestationAllowed}, a worker that accepts a two-person attestation.
   */
  public static RecoveryTestEnv fencing(String preset, UnaryOperator<Inventory> inventory, boolean attestationAllowed) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(preset, clock, SimTimings.defaults()), true,
        attestationAllowed, inventory, c -> c);
  }

  /** A preset pool over the wire, the worker deciding by this approval policy. */
  public static RecoveryTestEnv withPolicy(String preset, PolicyFile policy) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(preset, clock, SimTimings.defaults()), true, false,
        UnaryOperator.identity(), c -> c, policy, true, null, XapiServerOptions.defaults());
  }

  /**
   * In REAL time (no time skipping: a timer waits for the wall clock, as on a real server), over the
   * wire, with the demo's short XAPI timings and pool locks that check their holder every
   * {@code lockCheckInterval}. For tests of runs that wait for each other.
   */
  public static RecoveryTestEnv realTime(String preset, Duration lockCheckInterval) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(preset, clock, SimTimings.demo()), true, false,
        UnaryOperator.identity(), c -> c, null, false, lockCheckInterval, XapiServerOptions.defaults());
  }

  /** A preset pool over the wire whose server injects the faults of {@code faults}. */
  public static RecoveryTestEnv withWireFaults(String preset, WireFaultPlan faults) {
    return new RecoveryTestEnv(clock -> SimulatedPool.preset(preset, clock, SimTimings.defaults()), true, false,
        UnaryOperator.identity(), c -> c, null, true, null, XapiServerOptions.defaults().withFaults(faults));
  }

  public static RecoveryTestEnv spec(PoolSpec spec) {
    return new RecoveryTestEnv(clock -> SimulatedPool.fromSpec(spec, clock, SimTimings.defaults()), true);
  }

  /**
   * The worker's view of a pool: HTTP to each host's own address, the password read from the environment.
   * When the test server skips time, each connection first brings the served addresses up to the pool's clock.
   */
  private PoolConnector wire(boolean timeSkipping, XapiServerOptions options) {
    server = XapiServer.start(sim, options);
    PoolConnector xapi = wireTo(server);
    return timeSkipping ? server.refreshingBeforeEachConnection(xapi) : xapi;
  }

  /** How a worker reaches {@code server}: the real XapiClient over loopback, the password read from the environment. */
  public static PoolConnector wireTo(XapiServer server) {
    return new XapiConnector(wireConfig(server).build());
  }

  /** The settings of {@link #wireTo}, to adjust per test. */
  public static XapiClientConfig.Builder wireConfig(XapiServer server) {
    return XapiClientConfig.builder()
        .scheme(server.scheme())
        .port(server.port())
        .user("root")
        .credentials(new CredentialSource.FromEnv("POOLRESCUE_TEST_XAPI_PASSWORD"))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(30))
        .taskTimeout(Duration.ofSeconds(30))
        .pickUpTimeout(Duration.ofSeconds(2));
  }

  /** A fresh install beside the pool, served at once when the pool is reached over the wire; returns its uuid. */
  public String addFreshHost(FreshHostSpec spec) {
    String uuid = sim.addFreshHost(spec);
    if (server != null) {
      server.refresh(); // otherwise the new address is bound only at the server's next look
    }
    return uuid;
  }

  public WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(workflowId).build();
  }

  public <T> T newRun(Class<T> type, String workflowId) {
    return client.newWorkflowStub(type, options(workflowId));
  }

  public RunDriver driver(String workflowId) {
    return new RunDriver(this, workflowId);
  }

  public PoolSnapshot snapshot() {
    return sim.snapshot();
  }

  public Host host(String name) {
    return snapshot().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no host " + name));
  }

  public Vm vm(String name) {
    return snapshot().vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no VM " + name));
  }

  @Override
  public void close() {
    env.close();
    fencing.close();
    if (server != null) {
      server.close();
    }
    try (var files = Files.walk(backupDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
