package io.poolrescue.pool.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: output, exit code, the added environment, the bound and the kill. */
class SystemProcessRunnerTest {
  private final SystemProcessRunner runner = new SystemProcessRunner();

  @Test
  void outputExitCodeAndEnvironment() throws Exception {
    ProcessRunner.Result r = runner.run(List.of("sh", "-c", "printf '%s' \"$FENCE_TEST\"; echo oops >&2; exit 3"),
        Map.of("FENCE_TEST", "from-env"), Duration.ofSeconds(5));
    assertEquals(new ProcessRunner.Result(3, "from-env", "oops\n"), r);
  }

  @Test
  void aRunPastItsBoundIsKilledWithItsChildren(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("child.pid");
    long start = System.nanoTime();
    assertThrows(TimeoutException.class, () -> runner.run(
        List.of("sh", "-c", "sleep 30 & echo $! > '" + pidFile + "'; wait"), Map.of(), Duration.ofMillis(300)));
    assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000);
    long child = Long.parseLong(Files.readString(pidFile).strip());
    Thread.sleep(200);
    assertFalse(running(child), "the child sleep was killed");
  }

  /** Alive and not a zombie waiting for a parent that does not reap (PID 1 in some containers). */
  private static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    String s = Files.readString(stat);
    char state = s.charAt(s.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  @Test
  void aMissingProgramCannotBeStarted() {
    assertThrows(IOException.class,
        () -> runner.run(List.of("/nonexistent/ipmitool", "power", "status"), Map.of(), Duration.ofSeconds(1)));
  }
}
