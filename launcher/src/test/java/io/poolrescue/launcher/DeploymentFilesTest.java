package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml and the Dockerfile cannot run here (no Docker engine). This checks what can be
 * checked without one: the YAML's structure, service wiring and ports, that every file they mount,
 * copy or reference exists, that secrets stay out of the environment, that the shell scripts parse,
 * and that the worker accepts the exact configuration the compose file gives it.
 */
class DeploymentFilesTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Pattern VAR = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-([^}]*))?}");

  @TempDir Path dir;

  static JsonNode compose() throws IOException {
    return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
  }

  static JsonNode service(String name) throws IOException {
    JsonNode s = compose().path("services").path(name);
    assertFalse(s.isMissingNode(), "service " + name);
    return s;
  }

  /** Compose's ${VAR:-default} with nothing set in the environment. */
  static String withDefaults(String value) {
    Matcher m = VAR.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(3) == null ? "" : m.group(3)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = service.path("environment");
    if (e.isObject()) {
      e.fields().forEachRemaining(f -> env.put(f.getKey(), withDefaults(f.getValue().asText())));
    } else {
      e.forEach(item -> {
        String[] kv = item.asText().split("=", 2);
        env.put(kv[0], kv.length > 1 ? withDefaults(kv[1]) : "");
      });
    }
    return env;
  }

  @Test
  void servicesAndTheirOrder() throws IOException {
    JsonNode services = compose().path("services");
    Set<String> names = new HashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertEquals(Set.of("postgresql", "temporal-schema", "temporal", "temporal-namespace", "temporal-ui", "poolrescue-worker",
        "poolrescue-console"), names);
    Map<String, List<String>> deps = new HashMap<>();
    for (String name : names) {
      List<String> d = new ArrayList<>();
      JsonNode dependsOn = services.path(name).path("depends_on");
      dependsOn.fieldNames().forEachRemaining(dep -> {
        assertTrue(names.contains(dep), name + " depends on unknown " + dep);
        String condition = dependsOn.path(dep).path("condition").asText();
        assertTrue(Set.of("service_started", "service_healthy", "service_completed_successfully").contains(condition),
            name + " -> " + dep + ": " + condition);
        if (condition.equals("service_healthy")) {
          assertTrue(services.path(dep).has("healthcheck"), dep + " needs a healthcheck for " + name);
        }
        d.add(dep);
      });
      deps.put(name, d);
    }
    // The chain a first start needs: database healthy -> schema job done -> server healthy -> namespace -> worker.
    assertEquals(List.of("postgresql"), deps.get("temporal-schema"));
    assertEquals(List.of("temporal-schema"), deps.get("temporal"));
    assertEquals(List.of("temporal"), deps.get("temporal-namespace"));
    assertEquals(List.of("temporal"), deps.get("temporal-ui"));
    assertEquals(List.of("temporal-namespace"), deps.get("poolrescue-worker"));
    assertEquals(List.of("temporal-namespace"), deps.get("poolrescue-console"));
    for (String name : names) {
      assertFalse(reaches(deps, name, name, new HashSet<>()), "dependency cycle through " + name);
    }
  }

  private static boolean reaches(Map<String, List<String>> deps, String from, String target, Set<String> seen) {
    for (String d : deps.getOrDefault(from, List.of())) {
      if (d.equals(target) || (seen.add(d) && reaches(deps, d, target, seen))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void temporalImagesPortsAndDatabase() throws IOException {
    assertTrue(service("temporal").path("image").asText().startsWith("temporalio/server:"));
    assertTrue(service("temporal-schema").path("image").asText().startsWith("temporalio/admin-tools:"));
    assertTrue(service("temporal-namespace").path("image").asText().startsWith("temporalio/admin-tools:"));
    assertTrue(service("temporal-ui").path("image").asText().startsWith("temporalio/ui:"));
    assertTrue(withDefaults(service("postgresql").path("image").asText()).startsWith("postgres:"));

    List<String> uiPorts = new ArrayList<>();
    service("temporal-ui").path("ports").forEach(p -> uiPorts.add(p.asText()));
    assertEquals(List.of("127.0.0.1:8080:8080"), uiPorts, "the Web UI on port 8080, loopback only");
    assertEquals("temporal:7233", environment(service("temporal-ui")).get("TEMPORAL_ADDRESS"));
    List<String> serverPorts = new ArrayList<>();
    service("temporal").path("ports").forEach(p -> serverPorts.add(p.asText()));
    assertEquals(List.of("127.0.0.1:7233:7233"), serverPorts, "the frontend for the CLI on the host");

    Map<String, String> server = environment(service("temporal"));
    assertEquals("postgres12", server.get("DB"));
    assertEquals("postgresql", server.get("POSTGRES_SEEDS"), "the database service by name");
    Map<String, String> schema = environment(service("temporal-schema"));
    assertEquals(server.get("POSTGRES_PWD"), schema.get("SQL_PASSWORD"), "schema job and server use one password");
    assertEquals(environment(service("postgresql")).get("POSTGRES_PASSWORD"), server.get("POSTGRES_PWD"));
    assertFalse(service("postgresql").has("ports"), "the database is not published on the host");

    // DYNAMIC_CONFIG_FILE_PATH is relative to /etc/temporal; the mounted directory must hold that file.
    String dynamic = server.get("DYNAMIC_CONFIG_FILE_PATH");
    Path file = mountedSource(service("temporal"), "/etc/temporal/" + dynamic);
    assertTrue(Files.isRegularFile(file), file.toString());
    assertTrue(YAML.readTree(file.toFile()).has("limit.maxIDLength"));
  }

  /** The repository file a container path comes from, through the service's bind mounts. */
  static Path mountedSource(JsonNode service, String containerPath) {
    for (JsonNode v : service.path("volumes")) {
      String[] parts = v.asText().split(":");
      if (parts[0].startsWith("./") && containerPath.startsWith(parts[1])) {
        return ROOT.resolve(parts[0]).resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", "")).normalize();
      }
    }
    throw new AssertionError("no bind mount for " + containerPath + " in " + service);
  }

  @Test
  void setupJobsRunScriptsThatExistAndParse() throws Exception {
    for (String job : List.of("temporal-schema", "temporal-namespace")) {
      JsonNode entrypoint = service(job).path("entrypoint");
      String script = entrypoint.get(entrypoint.size() - 1).asText();
      Path source = mountedSource(service(job), script);
      assertTrue(Files.isRegularFile(source), job + ": " + source);
      Process sh = new ProcessBuilder("sh", "-n", source.toString()).redirectErrorStream(true).start();
      assertTrue(sh.waitFor(10, TimeUnit.SECONDS));
      assertEquals(0, sh.exitValue(), source + ": " + new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    String schema = Files.readString(mountedSource(service("temporal-schema"), "/poolrescue/setup-postgres-schema.sh"));
    assertTrue(schema.contains("temporal_visibility") && schema.contains("update-schema"), "both databases, to the latest schema");
  }

  @Test
  void workerIsBuiltHereAndKeepsSecretsOutOfTheEnvironment() throws IOException {
    JsonNode worker = service("poolrescue-worker");
    Path context = ROOT.resolve(worker.at("/build/context").asText()).normalize();
    assertEquals(ROOT, context);
    assertTrue(Files.isRegularFile(context.resolve(worker.at("/build/dockerfile").asText())));
    Map<String, String> env = environment(worker);
    assertEquals("temporal:7233", env.get("POOLRESCUE_TEMPORAL"));
    assertEquals("small", env.get("POOLRESCUE_SIMULATED"), "a simulated pool by default");
    assertEquals("", env.get("POOLRESCUE_XAPI"), "a real pool only when POOLRESCUE_XAPI is set");
    env.forEach((k, v) -> {
      if (k.contains("PASSWORD") || k.contains("SECRET")) {
        assertTrue(k.endsWith("_FILE") && v.startsWith("/run/secrets/"), k + " must name a secret file, not hold a value");
      }
    });
    JsonNode secrets = compose().path("secrets");
    for (JsonNode s : worker.path("secrets")) {
      JsonNode declared = secrets.path(s.asText());
      assertFalse(declared.isMissingNode(), "secret " + s.asText() + " declared");
      Path file = ROOT.resolve(withDefaults(declared.path("file").asText())).normalize();
      assertTrue(Files.isRegularFile(file), "default secret file " + file);
      assertEquals("/run/secrets/" + s.asText(), env.get("POOLRESCUE_XAPI_PASSWORD_FILE"));
    }
    Set<String> volumes = new HashSet<>();
    compose().path("volumes").fieldNames().forEachRemaining(volumes::add);
    for (String svc : List.of("postgresql", "poolrescue-worker")) {
      for (JsonNode v : service(svc).path("volumes")) {
        String src = v.asText().split(":")[0];
        assertTrue(src.startsWith("./") || volumes.contains(src), svc + " uses undeclared volume " + src);
      }
    }
  }

  @Test
  void workerAcceptsTheComposeConfiguration() throws Exception {
    Map<String, String> env = environment(service("poolrescue-worker"));
    // Container paths mapped onto this machine: the secret file and the data volume.
    env.put("POOLRESCUE_XAPI_PASSWORD_FILE", ROOT.resolve("deploy/secrets/xapi-password.example").toString());
    env.put("POOLRESCUE_BACKUP_DIR", dir.resolve("backups").toString());
    env.put("POOLRESCUE_KEY_FILE", dir.resolve("backup.key").toString());
    String simulated = runWorkerCheck(env);
    assertTrue(simulated.startsWith("config ok: Temporal temporal:7233 namespace default; simulated pool 'small'"), simulated);
    assertTrue(simulated.contains("metrics on :9464"), simulated);

    // Pointed at a real pool master through the environment, password from the secret file.
    env.put("POOLRESCUE_XAPI", "https://10.0.0.1");
    env.put("POOLRESCUE_XAPI_FINGERPRINT", "ab".repeat(32));
    String real = runWorkerCheck(env);
    assertTrue(real.contains("XAPI pool at https://10.0.0.1:443 as root (password from file:"), real);
    assertFalse(real.contains("not-a-real-password"), "the password is never printed");
  }

  static String runWorkerCheck(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=logback.xml",
        "io.poolrescue.worker.WorkerMain", "--check-config").redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> l.startsWith("config ok")).findFirst().orElse(out);
  }

  @Test
  void dockerfileBuildsTheWorkerFromFilesThatExist() throws IOException {
    String text = dockerfileFromFilesThatExist(ROOT.resolve("Dockerfile"), "worker");
    assertTrue(text.contains("EXPOSE 9464"));
    assertTrue(text.contains("USER poolrescue"), "the worker does not run as root");
    for (String ignored : Files.readAllLines(ROOT.resolve(".dockerignore"))) {
      assertFalse(ignored.strip().equals("worker/") || ignored.strip().equals("pom.xml"), "needed file ignored: " + ignored);
    }
  }

  @Test
  void consoleIsBuiltHereServesHttpsAndKeepsSecretsOutOfTheEnvironment() throws Exception {
    JsonNode console = service("poolrescue-console");
    Path dockerfile = ROOT.resolve(console.at("/build/context").asText()).resolve(console.at("/build/dockerfile").asText());
    String text = dockerfileFromFilesThatExist(dockerfile.normalize(), "console");
    assertTrue(text.contains("EXPOSE 7290") && text.contains("USER poolrescue"), text);
    Map<String, String> env = environment(console);
    assertEquals("temporal:7233", env.get("POOLRESCUE_TEMPORAL"));
    assertEquals("/run/secrets/console_keystore_password", env.get("POOLRESCUE_CONSOLE_KEYSTORE_PASSWORD_FILE"));
    assertFalse(env.containsKey("POOLRESCUE_CONSOLE_KEYSTORE_PASSWORD"), "the password is a secret file");
    Path config = ROOT.resolve(withDefaults(console.at("/volumes/0").asText()).split(":")[0]).normalize();
    assertTrue(Files.isRegularFile(config.resolve("webauthn-credentials.example.json")), config.toString());
    Path secret = ROOT.resolve(withDefaults(compose().at("/secrets/console_keystore_password/file").asText())).normalize();
    assertTrue(Files.isRegularFile(secret), secret.toString());
  }

  /** Checks a two-stage Dockerfile that builds {@code module} (its main class in that module); returns its text. */
  private static String dockerfileFromFilesThatExist(Path dockerfile, String module) throws IOException {
    List<String> lines = Files.readAllLines(dockerfile);
    List<String> stages = new ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.startsWith("FROM ")) {
        String[] w = l.split("\\s+");
        stages.add(w.length >= 4 && w[2].equalsIgnoreCase("AS") ? w[3] : w[1]);
      }
      if (l.startsWith("COPY ") && !l.contains("--from=")) {
        String[] w = l.split("\\s+");
        for (int i = 1; i < w.length - 1; i++) {
          assertTrue(Files.exists(ROOT.resolve(w[i])), "COPY source " + w[i] + " exists");
        }
      }
      if (l.startsWith("COPY --from=")) {
        String stage = l.substring("COPY --from=".length()).split("\\s+")[0];
        assertTrue(stages.contains(stage), "stage " + stage + " defined before use");
      }
    }
    assertEquals(2, stages.size(), "build stage + runtime stage: " + stages);
    List<String> copied = lines.stream().map(String::strip).filter(l -> l.startsWith("COPY ") && !l.contains("--from="))
        .map(l -> l.split("\\s+")[1]).toList();
    for (String reactorModule : reactorModules()) {
      assertTrue(copied.contains(reactorModule + "/"), "the build stage copies module " + reactorModule
          + ": Maven reads every module");
    }
    String text = String.join("\n", lines);
    assertTrue(text.contains("-pl " + module + " -am package"));
    Matcher main = Pattern.compile("\"(io\\.poolrescue\\.[A-Za-z.]+)\"").matcher(text);
    assertTrue(main.find(), "an ENTRYPOINT main class");
    Path source = ROOT.resolve(module + "/src/main/java/" + main.group(1).replace('.', '/') + ".java");
    assertTrue(Files.isRegularFile(source), source.toString());
    return text;
  }

  /** The modules the parent pom lists. */
  static List<String> reactorModules() throws IOException {
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1).strip());
    }
    assertFalse(modules.isEmpty(), "the parent pom lists modules");
    return modules;
  }
}
