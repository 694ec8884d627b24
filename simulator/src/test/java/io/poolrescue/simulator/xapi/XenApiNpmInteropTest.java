package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A third-party client, Xen Orchestra's {@code xen-api} npm package over JSON-RPC, logs in to the
 * simulator through a member (following HOST_IS_SLAVE) and calls methods on it. The node project in
 * {@code src/test/node} is installed into {@code target/} with {@code npm ci} from its committed
 * lock file. Node and npm are required: without them this test fails, it does not skip.
 */
class XenApiNpmInteropTest {
  private static final Path SOURCES = Path.of("src", "test", "node");
  private static final Path WORK = Path.of("target", "xen-api-interop");

  @Test
  void xenOrchestrasClientLogsInAndCallsMethods() throws Exception {
    Files.createDirectories(WORK);
    require("node", "--version");
    require("npm", "--version");
    install();
    try (WireFixture f = WireFixture.small()) {
      PoolSnapshot snapshot = f.sim.snapshot();
      JsonNode report = runScript("interop.mjs", "http://127.0.10.2:" + f.server.port());

      assertTrue(report.path("connected").asBoolean(), report.toString());
      assertEquals("http://127.0.10.1:" + f.server.port(), report.get("connectedUrl").asText(),
          "the client followed HOST_IS_SLAVE to the master");
      assertEquals(snapshot.pool().ref(), report.get("poolRef").asText());
      assertEquals(snapshot.pool().masterRef(), report.get("masterRef").asText());
      Set<String> uuids = new TreeSet<>();
      report.get("hosts").forEach(h -> uuids.add(h.get("uuid").asText()));
      Set<String> expected = new TreeSet<>(snapshot.hosts().stream().map(Host::uuid).toList());
      assertEquals(expected, uuids);

      String member = report.get("destroyTarget").asText();
      assertEquals(snapshot.host(member).orElseThrow().uuid(), report.get("memberUuid").asText());
      assertEquals("HOST_IS_LIVE", report.get("destroy").get("code").asText(), report.toString());
      assertEquals(member, report.get("destroy").get("params").get(0).asText());
      assertEquals("MESSAGE_METHOD_UNKNOWN", report.get("unknown").get("code").asText(), report.toString());

      List<JournalEntry> destroys = f.sim.journal().entries().stream()
          .filter(e -> e.call().equals("host.destroy")).toList();
      assertEquals(1, destroys.size());
      assertEquals("HOST_IS_LIVE", destroys.get(0).outcome());
      assertEquals("127.0.10.1", destroys.get(0).via());
    }
  }

  /**
   * With event watching on (the client's default), the client starts a halted VM and sees it
   * Running through its event stream, then stops it with {@code callAsync} (an {@code Async.*}
   * call whose task it follows through events) and sees it Halted. The simulator's journal and its
   * physical domains say the same.
   */
  @Test
  void xenOrchestrasClientFollowsAVmThroughEvents() throws Exception {
    Files.createDirectories(WORK);
    require("node", "--version");
    require("npm", "--version");
    install();
    try (WireFixture f = WireFixture.small()) {
      JsonNode report = runScript("events.mjs", "http://127.0.10.1:" + f.server.port());
      assertTrue(report.path("connected").asBoolean(), report.toString());
      assertTrue(report.path("failure").isMissingNode(), report.toString());
      String vm = report.get("vm").asText();
      Vm after = f.sim.snapshot().vm(vm).orElseThrow();
      assertEquals(after.uuid(), report.get("vmUuid").asText());
      String host = report.get("residentOn").asText();
      assertTrue(f.sim.snapshot().host(host).isPresent(), "Running on a host of the pool: " + report);
      assertEquals("OpaqueRef:NULL", report.get("haltedResidentOn").asText());
      List<String> seen = new ArrayList<>();
      report.get("powerStatesSeen").forEach(p -> seen.add(p.asText()));
      assertEquals(List.of("Running", "Halted"), seen.stream().distinct().toList(), report.toString());
      assertTrue(report.get("watchEventsError").isNull(), report.toString());

      List<String> calls = f.sim.journal().entries().stream()
          .filter(e -> e.args().contains(after.uuid())).map(e -> e.call() + " " + e.outcome()).toList();
      assertEquals(List.of("VM.start ok", "VM.clean_shutdown ok"), calls);
      assertEquals(PowerState.HALTED, after.powerState());
      assertFalse(f.sim.runningDomains().containsKey(after.uuid()), "its domain is gone again");
      assertTrue(f.sim.integrityViolations().isEmpty());
    }
  }

  /** {@code npm ci} into target/, skipped when the same lock file is already installed there. */
  private static void install() throws Exception {
    for (String file : List.of("package.json", "package-lock.json", "report.mjs", "interop.mjs", "events.mjs")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Path marker = WORK.resolve("node_modules").resolve(".installed-from-lock");
    String lock = Files.readString(WORK.resolve("package-lock.json"));
    if (Files.exists(marker) && Files.readString(marker).equals(lock)) {
      return;
    }
    Result r = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Map.of(), 300);
    if (r.exit != 0) {
      fail("npm ci failed (exit " + r.exit + "); is the npm registry reachable?\n" + r.out + r.err);
    }
    Files.writeString(marker, lock);
  }

  private static JsonNode runScript(String script, String url) throws Exception {
    String password = System.getenv(WireFixture.PASSWORD_ENV);
    Result r = run(List.of("node", script, url), Map.of("XAPI_USER", "root", "XAPI_PASSWORD", password), 60);
    if (r.exit != 0) {
      fail("node " + script + " failed (exit " + r.exit + ")\n" + r.out + r.err);
    }
    String[] lines = r.out.strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  private static void require(String tool, String arg) {
    try {
      Result r = run(List.of(tool, arg), Map.of(), 30);
      if (r.exit != 0) {
        fail(tool + " " + arg + " exited " + r.exit + ": " + r.err);
      }
    } catch (IOException | InterruptedException e) {
      fail(tool + " is required for the xen-api interop test (Node.js >= 18 with npm on the PATH): " + e);
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(WORK.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("interop", ".out");
    Path err = Files.createTempFile("interop", ".err");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
