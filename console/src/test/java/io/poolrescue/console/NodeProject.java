package io.poolrescue.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The browser tests' node project ({@code src/test/node}), installed into {@code target/} with
 * {@code npm ci} from its committed lock file. Node, npm and Debian's Chromium are required: without
 * them the tests fail, they do not skip ({@code ./test.sh} installs Chromium where it is missing).
 */
final class NodeProject {
  static final Path SOURCES = Path.of("src", "test", "node");
  static final Path WORK = Path.of("target", "console-e2e");
  static final String CHROMIUM = "/usr/bin/chromium";
  private static final List<String> FILES = List.of("package.json", "package-lock.json", "e2e.mjs");

  record Result(int exit, String out, String err) {}

  private NodeProject() {}

  static void install() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    require(List.of("node", "--version"));
    require(List.of("npm", "--version"));
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      fail(CHROMIUM + " is missing: the console's browser tests run in Debian's Chromium (apt-get install chromium; "
          + "./test.sh does it)");
    }
    for (String file : FILES) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Path marker = WORK.resolve("node_modules").resolve(".installed-from-lock");
    String lock = Files.readString(WORK.resolve("package-lock.json"));
    if (Files.exists(marker) && Files.readString(marker).equals(lock)) {
      return;
    }
    Result r = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Map.of(), 300);
    if (r.exit() != 0) {
      fail("npm ci failed (exit " + r.exit() + "); is the npm registry reachable?\n" + r.out() + r.err());
    }
    Files.writeString(marker, lock);
  }

  private static void require(List<String> command) throws InterruptedException {
    Result r;
    try {
      r = run(command, Map.of(), 30);
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " is required for the console's browser tests (Node.js >= 20 "
          + "with npm on the PATH): " + e.getMessage(), e);
    }
    if (r.exit() != 0) {
      fail(command + " exited " + r.exit() + ": " + r.err());
    }
  }

  static Result run(List<String> command, Map<String, String> env, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(WORK.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("console-e2e", ".out");
    Path err = Files.createTempFile("console-e2e", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s\n"
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
