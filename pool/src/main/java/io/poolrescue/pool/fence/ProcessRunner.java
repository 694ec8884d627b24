package io.poolrescue.pool.fence;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Runs a program to its end within a bound: the seam between a fence agent and the OS. */
@FunctionalInterface
public interface ProcessRunner {

  /** What a finished program left. */
  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code command} with {@code environment} added to this process's environment.
   *
   * @throws IOException when the program cannot be started (missing, not executable)
   * @throws TimeoutException when it did not end within {@code timeout}; it has been killed
   */
  Result run(List<String> command, Map<String, String> environment, Duration timeout)
      throws IOException, TimeoutException, InterruptedException;
}
