package io.poolrescue.devstack;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.BackupKeyring;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.client.admin.AdminJson;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.poolrescue.devstack.admin.AdminServer;
import io.poolrescue.devstack.admin.DevPool;
import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.SecretFiles;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.simulator.xapi.XapiServer;
import io.poolrescue.simulator.xapi.WireFaultPlan;
import io.poolrescue.simulator.xapi.WireFaults;
import io.poolrescue.simulator.xapi.XapiServerOptions;
import io.poolrescue.worker.PoolRescueWorker;
import io.poolrescue.worker.pool.SimulatedPools;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything on one machine, nothing to install: Temporal's Java test server on loopback (real
 * time), a simulated pool served over XAPI JSON-RPC by {@link XapiServer} (each host on its own
 * 127.0.x.y address), the admin endpoint, and optionally a worker that reaches both through the
 * real clients (gRPC, XAPI over HTTP) exactly as it would reach a real cluster and pool.
 */
public final class DevStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevStack.class);

  /**
   * @param pool preset name or spec file
   * @param timings "demo" (host declared dead after 20 s) or "defaults" (600 s, as XAPI)
   * @param latency how long operations take: "instant", "realistic" or "demo" (realistic / 10)
   * @param temporalPort 7233 by default; 0 picks a free port (tests)
   * @param stateDir backups, backup key and the XAPI password file; null makes a temporary one
   * @param personas the people who start and approve: each gets an SSH key the worker's policy accepts
   * @param faults faults the pool's XAPI server injects into the calls it serves (none by default)
   * @param consolePort the console's port: the dev WebAuthn credentials file allows the origin
   *     {@code http://localhost:PORT} ({@link #CONSOLE_PORT} by default)
   */
  public record Options(String pool, String timings, int temporalPort, int xapiPort, int adminPort,
      boolean worker, Path stateDir, List<String> personas, String latency, WireFaultPlan faults, int consolePort) {
    /** Who starts runs and who approves them in the README's examples. */
    public static final List<String> DEV_PERSONAS = List.of("alice", "bob");

    /** The demo's latency profile unless told otherwise. */
    public static final String DEMO_LATENCY = "demo";

    public Options {
      personas = personas == null || personas.isEmpty() ? DEV_PERSONAS : List.copyOf(personas);
      latency = latency == null ? DEMO_LATENCY : latency;
      faults = faults == null ? WireFaultPlan.none() : faults;
    }

    public Options(String pool, String timings, int temporalPort, int xapiPort, int adminPort, boolean worker,
        Path stateDir, List<String> personas, String latency, WireFaultPlan faults) {
      this(pool, timings, temporalPort, xapiPort, adminPort, worker, stateDir, personas, latency, faults, CONSOLE_PORT);
    }

    public Options(String pool, String timings, int temporalPort, int xapiPort, int adminPort, boolean worker,
        Path stateDir, List<String> personas) {
      this(pool, timings, temporalPort, xapiPort, adminPort, worker, stateDir, personas, DEMO_LATENCY, null);
    }

    public Options(String pool, String timings, int temporalPort, int xapiPort, int adminPort, boolean worker,
        Path stateDir) {
      this(pool, timings, temporalPort, xapiPort, adminPort, worker, stateDir, DEV_PERSONAS);
    }

    public static final int TEMPORAL_PORT = 7233;
    public static final int ADMIN_PORT = 7280;
    public static final int XAPI_PORT = 7281;
    /** Where the dev stack's console listens; the WebAuthn credentials file allows its origin. */
    public static final int CONSOLE_PORT = 7290;

    public static Options defaults() {
      return new Options("small", "demo", TEMPORAL_PORT, XAPI_PORT, ADMIN_PORT, true, null);
    }

    /** Free ports everywhere: for tests and for a demo that must not clash with a running dev stack. */
    public static Options ephemeral() {
      return new Options("small", "demo", 0, 0, 0, true, null);
    }

    public Options withWorker(boolean w) {
      return new Options(pool, timings, temporalPort, xapiPort, adminPort, w, stateDir, personas, latency, faults,
          consolePort);
    }

    public Options withPool(String p) {
      return new Options(p, timings, temporalPort, xapiPort, adminPort, worker, stateDir, personas, latency, faults,
          consolePort);
    }

    public Options withPorts(int temporal, int xapi, int admin) {
      return new Options(pool, timings, temporal, xapi, admin, worker, stateDir, personas, latency, faults,
          consolePort);
    }

    public Options withStateDir(Path dir) {
      return new Options(pool, timings, temporalPort, xapiPort, adminPort, worker, dir, personas, latency, faults,
          consolePort);
    }

    public Options withLatency(String l) {
      return new Options(pool, timings, temporalPort, xapiPort, adminPort, worker, stateDir, personas, l, faults,
          consolePort);
    }

    public Options withFaults(WireFaultPlan plan) {
      return new Options(pool, timings, temporalPort, xapiPort, adminPort, worker, stateDir, personas, latency, plan,
          consolePort);
    }

    /** The console's port, whose origin ({@code http://localhost:PORT}) the dev credentials file allows. */
    public Options withConsolePort(int port) {
      return new Options(pool, timings, temporalPort, xapiPort, adminPort, worker, stateDir, personas, latency, faults,
          port);
    }

    public Options withPersonas(List<String> names) {
      return new Options(pool, timings, temporalPort, xapiPort, adminPort, worker, stateDir, names, latency, faults,
          consolePort);
    }
  }

  /**
   * Where fresh installs of the dev stack's pool go (127.0.30.1 to .64, enough for the {@code large}
   * preset; {@code demo pool-restore} uses the first three): listed in its inventory as the pool's fresh addresses, so a restore may log in there.
   */
  public static final List<String> FRESH_ADDRESSES =
      IntStream.rangeClosed(1, 64).mapToObj(i -> "127.0.30." + i).toList();

  private final List<AutoCloseable> parts = new ArrayList<>();
  private AddressAllowlist allowlist;
  private DevTemporalServer temporal;
  private SimulatedPools.Opened sim;
  private XapiServer xapi;
  private DevPool pool;
  private AdminServer admin;
  private XapiConnector connector;
  private DirectoryBackupStore store;
  private Path stateDir;
  private Path passwordFile;
  private Path keyFile;
  private Path inventoryFile;
  private DevSigning.Written signing;
  private SimulatedFencing fencing;
  private boolean withWorker;

  private DevStack() {}

  public static DevStack start(Options o) {
    DevStack s = new DevStack();
    try {
      s.boot(o);
      return s;
    } catch (RuntimeException | IOException e) {
      s.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private void boot(Options o) throws IOException {
    stateDir = o.stateDir() != null ? Files.createDirectories(o.stateDir()) : Files.createTempDirectory("poolrescue-dev-");
    temporal = DevTemporalServer.start(o.temporalPort());
    parts.add(temporal);
    sim = SimulatedPools.open(o.pool(), o.timings(), o.latency());
    pool = new DevPool(sim.pool());
    xapi = XapiServer.start(sim.pool(), XapiServerOptions.defaults().withPort(o.xapiPort())
        .withFaults(o.faults()));
    parts.add(xapi);
    passwordFile = SecretFiles.write(stateDir.resolve("xapi-password"), sim.password());
    keyFile = stateDir.resolve("backup.key");
    BackupKeyring keys = Files.exists(keyFile) ? BackupKeyring.load(keyFile) : BackupKeyring.generate(keyFile);
    store = new DirectoryBackupStore(Files.createDirectories(stateDir.resolve("backups")), keys);
    // the inventory lists the pool's hosts and the addresses fresh installs get (a pool restore), and
    // the worker logs in to exactly those, as a production worker does
    fencing = SimulatedFencing.start(sim.pool(), stateDir.resolve("secrets"), sim.user(), "file:" + passwordFile,
        DevStack::withFreshAddresses);
    parts.add(fencing);
    allowlist = AddressAllowlist.fromInventory(fencing.inventory());
    connector = new XapiConnector(XapiClientConfig.builder()
        .scheme(xapi.scheme())
        .port(xapi.port())
        .user(sim.user())
        .credentials(new CredentialSource.FromFile(passwordFile))
        .allowlist(allowlist)
        .poolPeers(fencing.inventory()::peersOf)
        .build());
    inventoryFile = stateDir.resolve("inventory.json");
    AdminJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(inventoryFile.toFile(), fencing.inventory());
    signing = DevSigning.write(stateDir, o.personas(), "http://localhost:" + o.consolePort());
    admin = AdminServer.start(o.adminPort(), pool, this::info);
    parts.add(admin);
    withWorker = o.worker();
    if (withWorker) {
      TemporalTarget target = TemporalTarget.dev(temporal.port());
      WorkflowServiceStubs stubs = TemporalConnections.connect(target, null, Duration.ofSeconds(10));
      parts.add(stubs::shutdown);
      PoolRescueWorker worker = PoolRescueWorker.start(stubs, target, "dev-stack-worker",
          new ActivityDependencies(connector, store, new LoggingNotificationSink(), fencing.fencing(), false,
              fencing.inventory(), allowlist, signing::read));
      parts.add(worker);
    }
    log.info("dev stack up: {}", info());
  }

  private static Inventory withFreshAddresses(Inventory inventory) {
    return new Inventory(inventory.pools().stream().map(p -> p.withFreshAddresses(FRESH_ADDRESSES)).toList());
  }

  public DevStackInfo info() {
    String master = sim.pool().masterAddress();
    return new DevStackInfo(temporal.target(), TemporalTarget.DEFAULT_NAMESPACE, xapi.uri(master).toString(), master,
        sim.user(), passwordFile.toString(), stateDir.resolve("backups").toString(), keyFile.toString(), admin.url(),
        withWorker, inventoryFile.toString(), signing.policy().toString(), keyPaths(), signing.credentials().toString());
  }

  private java.util.Map<String, String> keyPaths() {
    java.util.Map<String, String> keys = new java.util.TreeMap<>();
    signing.keys().forEach((name, key) -> keys.put(name, key.toString()));
    return keys;
  }

  /** Starts serving hosts added to the simulation since start (fresh installs) right away, not on the next poll. */
  public void serveNewHosts() {
    xapi.refresh();
  }

  public DevPool pool() {
    return pool;
  }

  /** A connector to the simulated pool through the real XAPI client, for checks from outside the workflows. */
  public XapiConnector connector() {
    return connector;
  }

  /** The faults the pool's XAPI server injected so far (see {@link Options#faults}). */
  public WireFaults wireFaults() {
    return xapi.faults();
  }

  /** How many calls the pool's XAPI server has served (every address, JSON-RPC and HTTP handlers). */
  public long xapiCallsServed() {
    return xapi.callsServed();
  }

  public DirectoryBackupStore backupStore() {
    return store;
  }

  public TemporalTarget temporalTarget() {
    return TemporalTarget.dev(temporal.port());
  }

  /** Stops the worker first (gracefully), then the admin endpoint, the XAPI server and Temporal. */
  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(parts);
    Collections.reverse(reversed);
    for (AutoCloseable part : reversed) {
      try {
        part.close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", part, e.getMessage());
      }
    }
    parts.clear();
  }
}
