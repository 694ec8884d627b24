package io.poolrescue.pool.fence;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ProcessRunner} on real processes. Output goes to temporary files (no pipe can fill up and
 * block the child); a child still running at the bound is killed with its descendants.
 */
public final class SystemProcessRunner implements ProcessRunner {

  @Override
  public Result run(List<String> command, Map<String, String> environment, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    Path out = Files.createTempFile("poolrescue-proc", ".out");
    Path err = Files.createTempFile("poolrescue-proc", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(environment);
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(2, TimeUnit.SECONDS);
        throw new TimeoutException(command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
