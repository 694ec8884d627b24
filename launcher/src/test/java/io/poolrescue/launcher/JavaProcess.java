package io.poolrescue.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real JVM process on this test's classpath (the dev stack, a worker): its output goes to a log
 * file under target/test-logs, and its stdout lines can be awaited.
 */
public final class JavaProcess implements AutoCloseable {
  /** A worker or dev stack of the tests: a small heap, the serial collector. */
  static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread pump = new Thread(this::pump, "pump-" + log.getFileName());
    pump.setDaemon(true);
    pump.start();
  }

  static JavaProcess start(String name, String mainClass, String... args) throws IOException {
    return start(name, DEFAULT_JVM_OPTIONS, mainClass, args);
  }

  /** As {@link #start(String, String, String...)}, with these JVM options (heap, GC logging) instead of the defaults. */
  public static JavaProcess start(String name, List<String> jvmOptions, String mainClass, String... args) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "test-logs"));
    Path log = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of(
        "-Dlogback.configurationFile=" + (mainClass.endsWith("PoolRescueMain") ? "logback-cli.xml" : "logback.xml"),
        "-Dpoolrescue.log=" + dir.resolve(name + "-app.log").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"),
        mainClass));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new JavaProcess(p, log);
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = r.readLine()) != null) {
        w.println(line);
        lines.add(line);
      }
    } catch (IOException e) {
      // process gone
    }
  }

  /** The first output line containing {@code text}, waiting at most {@code timeout}. */
  String awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("no line with '" + text + "' from " + log + " (alive=" + process.isAlive() + ")");
      }
      String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
    }
  }

  /** Everything the process printed so far. */
  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGTERM and wait: the process's shutdown hooks run. Returns its exit code. */
  public int terminate() throws InterruptedException {
    // Through the handle: Process.destroy() also closes our end of its stdout, losing what it prints while stopping.
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no exit within 30 s of SIGTERM: " + log);
    }
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no graceful stop, exactly like a machine losing power. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.toHandle().destroy(); // SIGTERM: graceful
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
