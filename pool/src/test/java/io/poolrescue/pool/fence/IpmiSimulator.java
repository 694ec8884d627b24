package io.poolrescue.pool.fence;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OpenIPMI's {@code ipmi_sim} as a child process, with this project's lan.conf, emulation commands
 * and chassis-control program (test resources under {@code ipmi/}) in a directory of its own.
 */
final class IpmiSimulator implements AutoCloseable {
  static final String USER = "fence";
  static final String PASSWORD = "ipmi-sim-pw";
  /** ipmi_sim does not list its cipher suites: without -C ipmitool waits 10 s before using 3. */
  static final int CIPHER_SUITE = 3;
  private static final String INSTALL = "install them with: apt-get install -y ipmitool openipmi "
      + "(or run ./test.sh at the repository root, which does it)";

  final Path dir;
  final int port;
  private final Process process;

  private IpmiSimulator(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Fails (never skips) when ipmitool or ipmi_sim is not installed. */
  static void requireTools() {
    for (String tool : List.of("ipmitool", "ipmi_sim")) {
      if (!onPath(tool)) {
        fail(tool + " is not installed, and the IPMI fence agent is tested against it: " + INSTALL);
      }
    }
  }

  static IpmiSimulator start(Path dir) throws Exception {
    requireTools();
    int port = freeUdpPort();
    for (String name : List.of("lan.conf", "emu.cmds", "chassis-control.sh")) {
      try (InputStream in = IpmiSimulator.class.getResourceAsStream("/ipmi/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
    dir.resolve("chassis-control.sh").toFile().setExecutable(true);
    Path conf = dir.resolve("lan.conf");
    String text = Files.readString(conf).replace("addr 127.0.0.1 16230", "addr 127.0.0.1 " + port);
    Files.writeString(conf, text);
    Files.createDirectories(dir.resolve("state"));
    Process p = new ProcessBuilder("ipmi_sim", "-n", "-c", "lan.conf", "-f", "emu.cmds", "-s", "state")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("ipmi_sim.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    IpmiSimulator sim = new IpmiSimulator(dir, port, p);
    sim.awaitAnswer();
    return sim;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** What the chassis-control program keeps: "1" on, "0" off. */
  String chassisPower() throws IOException {
    return Files.readString(dir.resolve("power")).strip();
  }

  void powerOn() throws IOException {
    Files.writeString(dir.resolve("power"), "1\n");
  }

  private void awaitAnswer() throws Exception {
    SystemProcessRunner runner = new SystemProcessRunner();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("ipmi_sim exited with " + process.exitValue() + ": " + log());
      }
      try {
        ProcessRunner.Result r = runner.run(List.of("ipmitool", "-I", "lanplus", "-C", Integer.toString(CIPHER_SUITE),
            "-H", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-E", "power", "status"),
            Map.of("IPMI_PASSWORD", PASSWORD), Duration.ofSeconds(3));
        if (r.exitCode() == 0) {
          return;
        }
        last = r.stderr();
      } catch (TimeoutException e) {
        last = "no answer within 3 s";
      }
      Thread.sleep(100);
    }
    close();
    fail("ipmi_sim did not answer on UDP 127.0.0.1:" + port + " (" + last.strip() + "): " + log());
  }

  private String log() throws IOException {
    Path log = dir.resolve("ipmi_sim.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    for (String d : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
