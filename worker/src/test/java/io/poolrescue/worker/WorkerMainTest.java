package io.poolrescue.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.worker.pool.PoolBinding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The worker's options turn into exactly one pool binding, a Temporal target and an encrypted backup store. */
class WorkerMainTest {
  @TempDir Path dir;

  private WorkerMain.WorkerSetup setup(String... args) {
    WorkerMain main = new WorkerMain();
    new CommandLine(main).parseArgs(args);
    return main.setup();
  }

  @Test
  void realPoolWithPasswordFileAndPinnedCertificate() throws Exception {
    Path pw = Files.writeString(dir.resolve("pw"), "s3cret\n");
    Path key = dir.resolve("backup.key");
    WorkerMain.WorkerSetup s = setup("--temporal", "temporal:7233", "--namespace", "ops",
        "--xapi", "https://10.1.2.3", "--user", "root", "--password-file", pw.toString(),
        "--fingerprint", "AB".repeat(32), "--backup-dir", dir.resolve("b").toString(),
        "--key-file", key.toString(), "--generate-key");
    assertEquals("temporal:7233", s.target().address());
    assertEquals("ops", s.target().namespace());
    PoolBinding.Xapi x = assertInstanceOf(PoolBinding.Xapi.class, s.pool());
    assertEquals("10.1.2.3", x.masterAddress());
    assertEquals(443, x.connector().config().port());
    assertEquals("ab".repeat(32), x.connector().config().pinnedSha256());
    assertTrue(Files.exists(key), "--generate-key created the key file");
    String described = s.pool().describe();
    assertTrue(described.contains("file:" + pw), described);
    assertFalse(described.contains("s3cret"), "the password never appears: " + described);
  }

  @Test
  void passwordFromAnEnvironmentVariableByName() {
    WorkerMain.WorkerSetup s = setup("--xapi", "https://pool.example:8443", "--password-env", "XAPI_PW",
        "--key-file", dir.resolve("k").toString(), "--generate-key", "--backup-dir", dir.toString());
    PoolBinding.Xapi x = assertInstanceOf(PoolBinding.Xapi.class, s.pool());
    assertEquals(8443, x.connector().config().port());
    assertEquals("env:XAPI_PW", x.connector().config().credentials().reference());
  }

  @Test
  void simulatedPreset() {
    WorkerMain.WorkerSetup s = setup("--simulated", "small", "--key-file", dir.resolve("k").toString(),
        "--generate-key", "--backup-dir", dir.toString());
    PoolBinding.Simulated sim = assertInstanceOf(PoolBinding.Simulated.class, s.pool());
    assertEquals("127.0.10.1", sim.pool().masterAddress());
  }

  @Test
  void inventoryIsReadAndCheckedWithTheOtherOptions() throws Exception {
    Path k = dir.resolve("k");
    WorkerMain.WorkerSetup s = setup("--simulated", "small", "--key-file", k.toString(), "--generate-key",
        "--backup-dir", dir.toString(), "--inventory", Path.of("..", "deploy", "inventory.example.yaml").toString());
    assertEquals(2, s.inventory().orElseThrow().hostCount());

    // a real pool: the inventory's per-host XAPI pins reach the client
    WorkerMain.WorkerSetup real = setup("--xapi", "https://10.0.0.11", "--password-env", "XAPI_PW",
        "--key-file", k.toString(), "--backup-dir", dir.toString(),
        "--inventory", Path.of("..", "deploy", "inventory.example.yaml").toString());
    assertEquals("5a0c917e33d842b619f06da4c28e75019b3fe6582dc71084abf9632ed547b80e",
        assertInstanceOf(PoolBinding.Xapi.class, real.pool()).connector().config().hostPins().get("10.0.0.12"));

    Path bad = Files.writeString(dir.resolve("inv.yaml"), "pools: []\n");
    CommandLine cl = WorkerMain.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int code = cl.execute("--simulated", "small", "--key-file", k.toString(), "--backup-dir", dir.toString(),
        "--inventory", bad.toString(), "--check-config");
    assertEquals(2, code, err.toString());
    assertEquals("poolrescue-worker: inventory " + bad + ": no pools: list at least one under 'pools'", err.toString().strip());
  }

  @Test
  void theWorkerLogsInOnlyToItsInventoryOrItsXapiHost() {
    Path k = dir.resolve("k");
    String inv = Path.of("..", "deploy", "inventory.example.yaml").toString();
    WorkerMain.WorkerSetup withInventory = setup("--xapi", "https://10.0.0.11", "--password-env", "XAPI_PW",
        "--key-file", k.toString(), "--generate-key", "--backup-dir", dir.toString(), "--inventory", inv);
    var config = assertInstanceOf(PoolBinding.Xapi.class, withInventory.pool()).connector().config();
    assertTrue(config.allowlist().allows("10.0.0.12"));
    assertFalse(config.allowlist().allows("10.0.0.99"));
    assertEquals(config.allowlist(), withInventory.allowlist(), "activities and connector use the same allowlist");

    WorkerMain.WorkerSetup alone = setup("--xapi", "https://10.1.2.3", "--password-env", "XAPI_PW",
        "--key-file", k.toString(), "--backup-dir", dir.toString());
    assertEquals(java.util.Set.of("10.1.2.3"), alone.allowlist().addresses());

    assertEquals("--xapi host 10.9.9.9 is not an address of the --inventory: list it as a pool's master or a host's "
            + "address (the worker logs in only to the inventory's hosts)",
        assertThrows(IllegalArgumentException.class, () -> setup("--xapi", "https://10.9.9.9", "--password-env", "X",
            "--key-file", k.toString(), "--backup-dir", dir.toString(), "--inventory", inv)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> setup("--xapi", "http://10.1.2.3",
        "--password-env", "X", "--key-file", k.toString(), "--backup-dir", dir.toString())).getMessage()
        .contains("http sends the pool password in clear"));

    StringWriter out = new StringWriter();
    CommandLine cl = WorkerMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute("--xapi", "https://10.0.0.11", "--password-env", "XAPI_PW", "--key-file", k.toString(),
        "--backup-dir", dir.toString(), "--inventory", inv, "--check-config"));
    assertTrue(out.toString().contains("allowlist size 2"), out.toString());
  }

  private Path sites() throws Exception {
    return Files.writeString(dir.resolve("sites.yaml"), """
        pools:
          - uuid: p-paris-1
            master: 10.1.0.1
            site: paris
            xapi: {user: root, password: "env:PARIS_PW"}
            hosts: [{uuid: h1, addresses: [10.1.0.1, 10.1.0.2]}]
          - uuid: p-lyon-1
            master: 10.2.0.1
            site: lyon
            xapi: {user: admin, password: "env:LYON_PW"}
            hosts: [{uuid: h2, addresses: [10.2.0.1]}]
          - uuid: p-paris-2
            master: 10.1.1.1
            site: paris
            xapi: {user: root, password: "file:/run/secrets/paris-2"}
            hosts: [{uuid: h3, addresses: [10.1.1.1]}]
        """);
  }

  @Test
  void aWorkerOfASiteServesItsSitesPoolsEachWithItsOwnLogin() throws Exception {
    String inv = sites().toString();
    String k = dir.resolve("k").toString();
    WorkerMain.WorkerSetup s = setup("--site", "paris", "--inventory", inv, "--key-file", k, "--generate-key",
        "--backup-dir", dir.toString());
    PoolBinding.Site site = assertInstanceOf(PoolBinding.Site.class, s.pool());
    assertEquals("paris", s.site());
    assertEquals("env:PARIS_PW", site.connector().of("p-paris-1").config().credentials().reference());
    assertEquals("file:/run/secrets/paris-2", site.connector().of("p-paris-2").config().credentials().reference());
    assertEquals(443, site.connector().of("p-paris-2").config().port());
    assertEquals(null, site.connector().of("p-lyon-1"), "another site's pool gets no connector");
    assertEquals(java.util.Set.of("10.1.0.1", "10.1.0.2", "10.1.1.1"), s.allowlist().addresses());
    assertThrows(io.poolrescue.pool.AddressNotAllowedException.class, () -> site.connector().connect("10.2.0.1"));

    StringWriter out = new StringWriter();
    CommandLine cl = WorkerMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute("--site", "lyon", "--inventory", inv, "--key-file", k, "--backup-dir", dir.toString(),
        "--check-config"));
    assertTrue(out.toString().contains("site lyon: 1 pool(s): p-lyon-1 as admin (password from env:LYON_PW)"),
        out.toString());
    assertTrue(out.toString().contains("logs in to the 1 address(es) of the inventory's pools of site lyon"),
        out.toString());
  }

  @Test
  void sitesAndTheirWorkersMustAgree() throws Exception {
    String inv = sites().toString();
    String k = dir.resolve("k").toString();
    assertEquals("the inventory names sites [paris, lyon]: start the worker with --site NAME (it serves that "
        + "site's pools)", assertThrows(IllegalArgumentException.class, () -> setup("--inventory", inv,
            "--key-file", k, "--generate-key")).getMessage());
    assertEquals("--site nantes is not a site of the inventory (its sites: [paris, lyon])",
        assertThrows(IllegalArgumentException.class, () -> setup("--site", "nantes", "--inventory", inv,
            "--key-file", k, "--generate-key")).getMessage());
    assertEquals("--site paris needs an --inventory whose pools name their site",
        assertThrows(IllegalArgumentException.class, () -> setup("--site", "paris", "--simulated", "small",
            "--key-file", k, "--generate-key")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> setup("--site", "paris", "--inventory", inv,
        "--xapi", "https://10.1.0.1", "--password-env", "X", "--key-file", k, "--generate-key")).getMessage()
        .endsWith("leave out --xapi"));
  }

  @Test
  void refusesWhatItCannotRunWith() {
    Path k = dir.resolve("k");
    assertEquals("say which pool: --xapi https://MASTER or --simulated PRESET|SPEC.json",
        assertThrows(IllegalArgumentException.class, () -> setup("--key-file", k.toString(), "--generate-key")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> setup("--xapi", "https://10.0.0.1", "--key-file", k.toString(), "--generate-key")).getMessage()
        .contains("--password-file"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> setup("--simulated", "small")).getMessage().contains("--key-file is required"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> setup("--xapi", "https://10.0.0.1", "--password-env", "X", "--fingerprint", "abc",
            "--key-file", k.toString(), "--generate-key")).getMessage().contains("64 hex digits"));
    assertThrows(IllegalArgumentException.class, () -> setup("--temporal", "nohostport", "--simulated", "small",
        "--key-file", k.toString(), "--generate-key"));
  }

  @Test
  void badOptionsExitWithCode2AndOneLine() {
    StringWriter err = new StringWriter();
    CommandLine cl = WorkerMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("--simulated", "small");
    assertEquals(2, code);
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().startsWith("poolrescue-worker: --key-file is required"), err.toString());
  }
}
