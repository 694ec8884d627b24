package io.poolrescue.worker;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.BackupKeyring;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.PolicyReader;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.fence.DefaultFenceAgents;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryReader;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.InventoryConnector;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.worker.metrics.PrometheusEndpoint;
import io.poolrescue.worker.pool.PoolBinding;
import io.poolrescue.worker.pool.SimulatedPools;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The worker process. Every option has a {@code POOLRESCUE_*} environment variable, so a container
 * needs no command line. SIGTERM stops it gracefully: no new tasks, running ones may finish.
 */
@Command(
    name = "poolrescue-worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the poolrescue workflows and activities on task queue pool-recovery.",
      "Pool: --xapi https://MASTER (a real pool, password from a file or an environment variable),",
      "--site NAME with an --inventory naming sites (every pool of that site, each with its own login;",
      "polls pool-recovery and pool-recovery.NAME), or --simulated small|large|spec.json (a simulated",
      "pool inside this process)."
    })
public final class WorkerMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);
  /** A worker may start before its frontend is ready (a compose stack): it waits longer than a command. */
  private static final Duration WORKER_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** The connection flags every Temporal caller shares (client module). */
  @Mixin TemporalOptions temporal;

  @Option(names = "--xapi", paramLabel = "URL", defaultValue = "${env:POOLRESCUE_XAPI}",
      description = "Pool master, e.g. https://10.0.0.1 (port and scheme apply to every host of the pool)")
  String xapi;

  @Option(names = "--user", defaultValue = "${env:POOLRESCUE_XAPI_USER:-root}", description = "XAPI user (default ${DEFAULT-VALUE})")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_XAPI_PASSWORD_FILE}",
      description = "File holding the pool password (read at each login, never logged)")
  Path passwordFile;

  @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the pool password")
  String passwordEnv;

  @Option(names = "--fingerprint", paramLabel = "SHA256", defaultValue = "${env:POOLRESCUE_XAPI_FINGERPRINT}",
      description = "SHA-256 of the pool's TLS certificate (self-signed pools); trusts exactly that certificate")
  String fingerprint;

  @Option(names = "--simulated", paramLabel = "PRESET|SPEC.json", defaultValue = "${env:POOLRESCUE_SIMULATED}",
      description = "A simulated pool in this process instead of --xapi")
  String simulated;

  @Option(names = "--sim-timings", defaultValue = "${env:POOLRESCUE_SIM_TIMINGS:-demo}", description = "demo (fast) or defaults (XAPI's real timeouts)")
  String simTimings;

  @Option(names = "--sim-latency", defaultValue = "${env:POOLRESCUE_SIM_LATENCY:-demo}",
      description = "How long simulated operations take: instant, realistic (a real pool's figures) or demo (realistic / 10)")
  String simLatency;

  @Option(names = "--inventory", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_INVENTORY}",
      description = "The pools, hosts and BMCs this worker may act on (JSON or YAML; see deploy/inventory.example.yaml)")
  Path inventory;

  @Option(names = "--site", paramLabel = "NAME", defaultValue = "${env:POOLRESCUE_SITE}",
      description = "Serve the --inventory's pools of this site (each with its own credentials) and poll its task "
          + "queue pool-recovery.NAME beside pool-recovery; required when the inventory names sites")
  String site;

  @Option(names = "--xapi-port", paramLabel = "PORT", defaultValue = "${env:POOLRESCUE_XAPI_PORT:-443}",
      description = "With --site: the HTTPS port of every pool's XAPI (default ${DEFAULT-VALUE})")
  int xapiPort;

  @Option(names = "--site-worker-wait", paramLabel = "DURATION",
      defaultValue = "${env:POOLRESCUE_SITE_WORKER_WAIT:-PT2M}",
      description = "With sites: how long a run's call waits for a worker of its pool's site before the run's "
          + "status says none is there (ISO-8601, default ${DEFAULT-VALUE})")
  Duration siteWorkerWait;

  @Option(names = "--allow-unfenced-attestation", defaultValue = "${env:POOLRESCUE_ALLOW_UNFENCED_ATTESTATION:-false}",
      description = "Where no BMC can tell, let two different people attest that a host is off (the run is UNFENCED)")
  boolean allowUnfencedAttestation;

  @Option(names = "--policy", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_POLICY}",
      description = "Approval policy (YAML or JSON; see docs/approval-policy.md); without it: one approval from "
          + "anyone but the starter, unsigned decisions accepted")
  Path policy;

  @Option(names = "--backup-dir", paramLabel = "DIR", defaultValue = "${env:POOLRESCUE_BACKUP_DIR:-poolrescue-backups}",
      description = "Backup store directory (default ${DEFAULT-VALUE})")
  Path backupDir;

  @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_KEY_FILE}",
      description = "Backup encryption keys, one base64 AES-256 key per line, current first")
  Path keyFile;

  @Option(names = "--generate-key", defaultValue = "${env:POOLRESCUE_GENERATE_KEY:-false}",
      description = "Create --key-file with a fresh key when it does not exist")
  boolean generateKey;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:POOLRESCUE_METRICS_PORT:--1}",
      description = "Serve Prometheus metrics at http://0.0.0.0:PORT/metrics (default: off)")
  int metricsPort;

  @Option(names = "--identity", defaultValue = "${env:POOLRESCUE_WORKER_IDENTITY}", description = "Worker identity shown in histories")
  String identity;

  @Spec CommandSpec spec;

  /** The BMCs of a {@code --simulated} pool, when no inventory names others. */
  private SimulatedFencing simulatedBmcs;

  @Option(names = "--check-config", description = "Check the options (and POOLRESCUE_* variables), print what would run, exit; connects to nothing")
  boolean checkConfig;

  @Override
  public Integer call() throws Exception {
    WorkerSetup setup = setup();
    if (checkConfig) {
      spec.commandLine().getOut().println("config ok: Temporal " + setup.target().address() + " namespace " + setup.target().namespace()
          + (setup.target().tls().enabled() ? " (TLS)" : "") + "; " + setup.pool().describe() + "; backups in "
          + setup.store().root() + "; " + setup.inventory().map(WorkerMain::describe).orElse("no inventory")
          + "; approval policy " + describe(policySource().get())
          + "; logs in to " + setup.allowlist().describe() + " (allowlist size " + setup.allowlist().size() + ")"
          + (allowUnfencedAttestation ? "; unfenced attestation allowed" : "")
          + (setup.target().strictEncryption() ? "; strict payload encryption" : "")
          + (metricsPort >= 0 ? "; metrics on :" + metricsPort : ""));
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    PrometheusEndpoint metrics = metricsPort >= 0 ? PrometheusEndpoint.start("0.0.0.0", metricsPort) : null;
    if (metrics != null) {
      log.info("Prometheus metrics on :{}/metrics", metrics.port());
    }
    WorkflowServiceStubs stubs =
        TemporalConnections.connect(setup.target(), metrics == null ? null : metrics.scope(), temporal.connectTimeout(WORKER_CONNECT_TIMEOUT));
    log.info("pool: {}", setup.pool().describe());
    logPoolReachability(setup.pool());
    if (setup.inventory().isEmpty() && setup.pool() instanceof PoolBinding.Xapi x) {
      log.warn("no --inventory: the worker logs in only to its --xapi host {}; pool members, a new master and "
          + "fresh hosts cannot be reached until an inventory lists them", x.masterAddress());
    }
    log.info("the worker logs in to {}", setup.allowlist().describe());
    HostFencing fencing = fencing(setup);
    // a simulated pool without an inventory gets its own (see fencing): its hosts are the scope of a request
    Inventory inventory = setup.inventory().orElse(simulatedBmcs == null ? null : simulatedBmcs.inventory());
    // with sites, the scope check (any worker, shared queue) knows every pool; the connector only its site's
    AddressAllowlist scope = setup.pool() instanceof PoolBinding.Site ? null : setup.allowlist();
    PoolRescueWorker worker = PoolRescueWorker.start(stubs, setup.target(), workerIdentity(),
        new ActivityDependencies(setup.pool().connector(), setup.store(), new LoggingNotificationSink(),
            fencing, allowUnfencedAttestation, inventory, scope, policySource()).withSiteWorkerWait(siteWorkerWait),
        setup.site());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      stubs.shutdown();
      if (simulatedBmcs != null) {
        simulatedBmcs.close();
      }
      if (metrics != null) {
        metrics.close();
      }
      stopped.countDown();
    }, "poolrescue-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * The approval policy as each run will read it: the file is checked now (a worker with a broken
   * policy does not start) and read again for every run.
   */
  private Supplier<PolicyFile> policySource() {
    if (policy == null || policy.toString().isBlank()) {
      return () -> PolicyFile.builtIn(allowUnfencedAttestation);
    }
    Path file = policy;
    PolicyReader.read(file, PoolRescueRegistrations.PROCEDURES, allowUnfencedAttestation);
    return () -> PolicyReader.read(file, PoolRescueRegistrations.PROCEDURES, allowUnfencedAttestation);
  }

  private static String describe(PolicyFile p) {
    boolean signed = !p.policy().signatures().unsignedDecisions();
    return p.source() + " (sha256 " + p.sha256().substring(0, 12) + "…, " + (signed ? "signed decisions only"
        : "unsigned decisions accepted") + ")";
  }

  /**
   * Everything the options describe, checked, without connecting to anything.
   *
   * @param allowlist the addresses the worker logs in to: the inventory's, else the {@code --xapi}
   *     host alone (a {@code --simulated} pool: its own hosts)
   */
  record WorkerSetup(TemporalTarget target, PoolBinding pool, DirectoryBackupStore store, Optional<Inventory> inventory,
      AddressAllowlist allowlist) {

    /** The site this worker serves; null without sites. */
    String site() {
      return pool instanceof PoolBinding.Site s ? s.site() : null;
    }
  }

  WorkerSetup setup() {
    Optional<Inventory> inv = Optional.ofNullable(inventory).filter(p -> !p.toString().isBlank())
        .map(InventoryReader::read);
    String siteName = blankToNull(site);
    if (siteName != null || inv.map(i -> !i.sites().isEmpty()).orElse(false)) {
      Inventory mine = WorkerSites.served(inv, siteName, blankToNull(xapi), blankToNull(simulated));
      PoolBinding pool = new PoolBinding.Site(new InventoryConnector(mine,
          () -> XapiClientConfig.builder().scheme("https").port(xapiPort)), siteName);
      AddressAllowlist allowlist = AddressAllowlist.of(AddressAllowlist.fromInventory(mine).addresses(),
          "the inventory's pools of site " + siteName);
      return new WorkerSetup(temporal.target(), pool, store(), inv, allowlist);
    }
    String url = blankToNull(xapi);
    AddressAllowlist allowlist = allowlist(inv, url);
    PoolBinding pool = pool(inv, url, allowlist);
    if (inv.isEmpty() && pool instanceof PoolBinding.Simulated sim) {
      allowlist = AddressAllowlist.of(sim.pool().addresses(), "the simulated pool");
    }
    return new WorkerSetup(temporal.target(), pool, store(), inv, allowlist);
  }

  /** With an inventory its addresses, of which --xapi must be one; without, the --xapi host alone. */
  private static AddressAllowlist allowlist(Optional<Inventory> inv, String url) {
    String host = url == null ? null : xapiHost(url);
    if (inv.isPresent()) {
      AddressAllowlist fromInventory = AddressAllowlist.fromInventory(inv.get());
      if (host != null && !fromInventory.allows(host)) {
        throw new IllegalArgumentException("--xapi host " + host + " is not an address of the --inventory: list it as "
            + "a pool's master or a host's address (the worker logs in only to the inventory's hosts)");
      }
      return fromInventory;
    }
    return AddressAllowlist.of(host == null ? List.of() : List.of(host),
        "the worker's --xapi host (no --inventory)");
  }

  private static String xapiHost(String url) {
    URI uri = URI.create(url.contains("://") ? url : "https://" + url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("--xapi needs a URL such as https://10.0.0.1, got " + url);
    }
    return uri.getHost();
  }

  private PoolBinding pool(Optional<Inventory> inv, String url, AddressAllowlist allowlist) {
    String sim = blankToNull(simulated);
    if (url != null) {
      XapiClientConfig.Builder config = XapiClientConfig.fromUrl(url)
          .user(user)
          .credentials(credentials())
          .pinnedSha256(blankToNull(fingerprint))
          .allowlist(allowlist)
          .poolPeers(address -> inv.map(i -> i.peersOf(address)).orElse(List.of()));
      // each host's own certificate, where the inventory pins it (the others are learned from the master)
      inv.stream().flatMap(i -> i.pools().stream()).flatMap(p -> p.hosts().stream())
          .filter(h -> h.xapiTlsPinSha256() != null)
          .forEach(h -> h.addresses().forEach(a -> config.pinnedSha256(a, h.xapiTlsPinSha256())));
      return new PoolBinding.Xapi(new XapiConnector(config.build()), xapiHost(url));
    }
    if (sim != null) {
      return new PoolBinding.Simulated(SimulatedPools.open(sim, simTimings, simLatency).pool(), sim);
    }
    throw new IllegalArgumentException("say which pool: --xapi https://MASTER or --simulated PRESET|SPEC.json");
  }

  private CredentialSource credentials() {
    if (passwordEnv != null && !passwordEnv.isBlank()) {
      return new CredentialSource.FromEnv(passwordEnv);
    }
    if (passwordFile != null) {
      return new CredentialSource.FromFile(passwordFile);
    }
    throw new IllegalArgumentException("--xapi needs --password-file FILE or --password-env VAR");
  }

  private DirectoryBackupStore store() {
    if (keyFile == null) {
      throw new IllegalArgumentException(
          "--key-file is required: pool database dumps hold secrets and are stored encrypted (add --generate-key to create one)");
    }
    BackupKeyring keys = Files.exists(keyFile) || !generateKey ? BackupKeyring.load(keyFile) : BackupKeyring.generate(keyFile);
    return new DirectoryBackupStore(backupDir, keys);
  }

  /** A dead master does not stop the worker: recovering from exactly that is its job. */
  private static void logPoolReachability(PoolBinding pool) {
    if (pool instanceof PoolBinding.Xapi x) {
      try (PoolClient c = x.connector().connect(x.masterAddress())) {
        HostProbe probe = c.probe();
        log.info("pool master probe: {}", probe);
      } catch (RuntimeException e) {
        log.warn("pool master {} not reachable now ({}); starting anyway", x.masterAddress(), e.getMessage());
      }
    }
  }

  /** The inventory's BMCs; without an inventory no host can be fenced, and runs that need one stop safely. */
  private HostFencing fencing(WorkerSetup setup) throws IOException {
    if (setup.inventory().isEmpty() && setup.pool() instanceof PoolBinding.Simulated sim) {
      // a simulated pool comes with its BMCs: fenced the same way as real hardware, over Redfish
      Path secrets = Files.createTempDirectory("poolrescue-simulated-bmcs");
      simulatedBmcs = SimulatedFencing.start(sim.pool(), secrets, SimulatedPools.DEFAULT_USER, null);
      log.info("simulated pool: {} BMCs served over Redfish", simulatedBmcs.inventory().hostCount());
      return simulatedBmcs.fencing();
    }
    if (setup.site() != null) {
      return new HostFencing(setup.inventory().get().atSite(setup.site()), new DefaultFenceAgents(), Clock.systemUTC());
    }
    if (setup.inventory().isEmpty()) {
      log.warn("no --inventory: no host can be fenced, so every run that must treat a host as off stops before "
          + "anything dangerous");
      return HostFencing.none(Clock.systemUTC());
    }
    return new HostFencing(setup.inventory().get(), new DefaultFenceAgents(), Clock.systemUTC());
  }

  private static String describe(Inventory inv) {
    long fenced = inv.pools().stream().flatMap(p -> p.hosts().stream()).filter(h -> h.bmc() != null).count();
    return "inventory: " + inv.pools().size() + " pool(s), " + inv.hostCount() + " host(s), " + fenced + " with a BMC";
  }

  private String workerIdentity() {
    return identity != null && !identity.isBlank() ? identity : "poolrescue-worker@" + ProcessHandle.current().pid();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Bad options are one line and exit code 2; anything else the worker cannot start with, exit 1. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new WorkerMain());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      boolean bad = e instanceof IllegalArgumentException;
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      cmd.getErr().println("poolrescue-worker: " + msg.lines().findFirst().orElse(""));
      return bad ? 2 : 1;
    });
    return cl;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
