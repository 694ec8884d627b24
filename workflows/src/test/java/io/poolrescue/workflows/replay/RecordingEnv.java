package io.poolrescue.workflows.replay;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.BackupKeyring;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.PolicyReader;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.SshKeyGenerator;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.signing.webauthn.SoftAuthenticator;
import io.poolrescue.signing.webauthn.WebAuthnAssertion;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.signing.webauthn.WebAuthnEnrolment;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.simulator.xapi.XapiServer;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.CanonicalJson;
import io.poolrescue.workflows.api.StartSignature;
import io.poolrescue.workflows.api.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Where histories are recorded: Temporal's test server (time skipping, starting at the simulator's
 * epoch so recordings are stable), a simulated pool whose clock is the server's, served by
 * {@link XapiServer} on loopback and reached through the real XAPI client with a password file —
 * the path a production worker takes, so the histories would show a leaked password if there were one.
 */
public final class RecordingEnv implements AutoCloseable {

  /** The presets' pool password (SIM-API: root / poolrescue-sim); it must never appear in a history. */
  public static final String SIM_PASSWORD = "poolrescue-sim";
  public static final String STARTER = "alice";
  public static final String APPROVER = "bob";

  public final TestWorkflowEnvironment env;
  public final SimulatedPool sim;
  /** The worker's backup store, for scenarios that restore from a backup. */
  public final BackupStore store;
  public final WorkflowClient client;
  private final java.util.Map<String, WorkflowClient> approvers = new java.util.concurrent.ConcurrentHashMap<>();
  private final XapiServer server;
  /** The simulated BMCs, fenced through as a worker does. */
  public final SimulatedFencing fencing;
  private final Path dir;
  private final java.util.Map<String, SshKeygenSigner> keys = new java.util.HashMap<>();
  private final java.util.Map<String, BrowserKey> authenticators = new java.util.HashMap<>();

  public RecordingEnv(PoolSource pool) {
    this(pool, true);
  }

  /**
   * @param overXapi false reaches the simulator in-process: for the large preset, whose thousands of
   *     calls over loopback HTTP would make the recording slow, not different
   */
  public RecordingEnv(PoolSource pool, boolean overXapi) {
    this(pool, overXapi, Scenario.Signatures.NONE);
  }

  /**
   * @param signatures SSH or BROWSER: the worker accepts signed starts and decisions only;
   *     {@link #STARTER} and {@link #APPROVER} get SSH keys (made by ssh-keygen) that its
   *     allowed_signers file lists, or software WebAuthn authenticators its credentials file lists
   */
  public RecordingEnv(PoolSource pool, boolean overXapi, Scenario.Signatures signatures) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(SimulatedPool.EPOCH)
        .setWorkerFactoryOptions(PoolRescueRegistrations.factoryOptions())
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setIdentity(STARTER).build())
        .build());
    sim = pool.create(() -> Instant.ofEpochMilli(env.currentTimeMillis()));
    try {
      dir = Files.createTempDirectory("poolrescue-recording");
      Path passwordFile = dir.resolve("xapi.pw");
      Files.writeString(passwordFile, SIM_PASSWORD + "\n");
      server = overXapi ? XapiServer.start(sim) : null;
      // the clock skips: each connection first brings the served addresses up to it
      PoolConnector connector = !overXapi ? sim : server.refreshingBeforeEachConnection(new XapiConnector(XapiClientConfig.builder()
          .scheme(server.scheme())
          .port(server.port())
          .user("root")
          .credentials(new CredentialSource.FromFile(passwordFile))
          .connectTimeout(Duration.ofSeconds(2))
          .readTimeout(Duration.ofSeconds(30))
          .taskTimeout(Duration.ofSeconds(60))
          .build()));
      // a busy build machine can stall a workflow thread past the SDK's 1 s deadlock alarm on a cold JVM;
      // a failed workflow task in a recorded history would be noise, so the alarm waits longer here
      Worker worker = env.newWorker(TaskQueues.POOL_RECOVERY,
          WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
      // encrypted at rest as in production: pool dumps and host backups are refused by a store without a key
      store = new DirectoryBackupStore(dir.resolve("backups"), BackupKeyring.generate(dir.resolve("backup.key")));
      fencing = SimulatedFencing.start(sim, dir.resolve("secrets"), "root", "file:" + passwordFile);
      PolicyFile policy = switch (signatures) {
        case NONE -> PolicyFile.builtIn(false);
        case SSH -> signingPolicy();
        case BROWSER -> browserPolicy();
      };
      PoolRescueRegistrations.register(worker, new ActivityDependencies(connector, store, new LoggingNotificationSink(),
          fencing.fencing(), false, () -> policy).withClient(env.getWorkflowClient()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = env.getWorkflowClient();
    env.start();
  }

  /** Keys for the starter and the approver, and a policy that wants every start and decision signed. */
  private PolicyFile signingPolicy() throws IOException {
    StringBuilder signers = new StringBuilder();
    for (String name : java.util.List.of(STARTER, APPROVER)) {
      SshKeygenSigner key = SshKeyGenerator.ed25519(dir.resolve(name), name);
      keys.put(name, key);
      signers.append(SshKeyGenerator.allowedSignersLine(name, key.publicKey(), SignedText.NAMESPACE)).append('\n');
    }
    Files.writeString(dir.resolve("allowed_signers"), signers);
    Path file = Files.writeString(dir.resolve("policy.yaml"), "signatures: {allowedSigners: allowed_signers}\n");
    return PolicyReader.read(file, PoolRescueRegistrations.PROCEDURES, false);
  }

  /** Software authenticators for the starter and the approver, and a policy that wants every start and decision signed. */
  private PolicyFile browserPolicy() throws IOException {
    List<String> entries = new java.util.ArrayList<>();
    for (String name : List.of(STARTER, APPROVER)) {
      BrowserKey key = new BrowserKey(SoftAuthenticator.es256());
      authenticators.put(name, key);
      entries.add(WebAuthnEnrolment.entryJson(key.authenticator.credential(name, name + " recording key")));
    }
    Files.writeString(dir.resolve("webauthn.json"), "{\"rpId\": \"" + BrowserKey.RP + "\", \"origins\": [\""
        + BrowserKey.ORIGIN + "\"], \"requireUserVerification\": false, \"credentials\": [" + String.join(", ", entries)
        + "]}\n");
    Path file = Files.writeString(dir.resolve("policy.yaml"), "signatures: {webauthnCredentials: webauthn.json}\n");
    return PolicyReader.read(file, PoolRescueRegistrations.PROCEDURES, false);
  }

  /** A person's software authenticator, and the counter it reports next (one more at each assertion). */
  static final class BrowserKey {
    static final String RP = "console.example.test";
    static final String ORIGIN = "https://console.example.test";
    final SoftAuthenticator authenticator;
    private long counter;

    BrowserKey(SoftAuthenticator authenticator) {
      this.authenticator = authenticator;
    }

    /** What the console's page sends for this signed text. */
    WebAuthnAssertion sign(byte[] text) {
      return authenticator.get(WebAuthnAssertions.challengeOf(text), ORIGIN, RP, SoftAuthenticator.UP, ++counter);
    }
  }

  /** The person's WebAuthn authenticator, when this environment signs in a browser; null otherwise. */
  BrowserKey browserKeyOf(String person) {
    return authenticators.get(person);
  }

  /** The SSH key of a person, when this environment signs; null otherwise. */
  SshKeygenSigner keyOf(String person) {
    return keys.get(person);
  }

  /** The server's clock, truncated to the second: the time people sign at. */
  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** Starts a procedure as {@link #STARTER}, signed when this environment signs. */
  public void start(String procedure, String workflowId, Object request) {
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder(options(workflowId));
    SshKeygenSigner key = keyOf(STARTER);
    BrowserKey browser = browserKeyOf(STARTER);
    if (key != null || browser != null) {
      Instant at = now();
      byte[] text = SignedText.start(workflowId, procedure, STARTER, at, CanonicalJson.of(request));
      options.setMemo(java.util.Map.of(StartSignature.MEMO, key != null
          ? new StartSignature(at.toString(), key.sign(text, SignedText.NAMESPACE))
          : new StartSignature(at.toString(), null, browser.sign(text))));
    }
    client.newUntypedWorkflowStub(procedure, options.build()).start(request);
  }

  public WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(workflowId).build();
  }

  public <T> T newRun(Class<T> type, String workflowId) {
    return client.newWorkflowStub(type, options(workflowId));
  }

  /** A client of its own for each approver, so the server records who sent each decision. */
  public WorkflowClient clientAs(String approver) {
    return approvers.computeIfAbsent(approver, a -> WorkflowClient.newInstance(env.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).setIdentity(a + "@ops-desk").build()));
  }

  /** Serves hosts added to the simulation since (fresh installs) at once, without waiting for the server's poll. */
  public void serveNewHosts() {
    if (server != null) {
      server.refresh();
    }
  }

  public RunControl control(String workflowId) {
    return new RunControl(this, workflowId);
  }

  @Override
  public void close() {
    env.close();
    fencing.close();
    if (server != null) {
      server.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
