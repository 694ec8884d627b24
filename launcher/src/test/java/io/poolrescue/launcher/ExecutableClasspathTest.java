package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as {@code ./poolrescue} runs it: a JVM of its own with the runtime
 * classpath file the build writes, not the tests' classpath. A dependency that only the tests see
 * (a test-scoped declaration overriding a module's compile one) fails here, not at a user's first try.
 */
class ExecutableClasspathTest {

  @Test
  void theDemoRunsOnTheRuntimeClasspathAlone() throws Exception {
    String runtime = Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
    String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + runtime;
    Path out = Files.createTempFile("poolrescue-demo", ".out");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx512m", "-cp", classpath, "io.poolrescue.launcher.PoolRescueMain",
        "demo", "--yes", "--as", "second-operator", "--started-by", "first-operator")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean ended = p.waitFor(4, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(ended, "the demo did not end within 4 minutes:\n" + text);
    assertEquals(0, p.exitValue(), text);
    for (String line : List.of("result: RECOVERED", "pool: healthy")) {
      assertTrue(text.contains(line), text);
    }
    Files.delete(out);
  }
}
