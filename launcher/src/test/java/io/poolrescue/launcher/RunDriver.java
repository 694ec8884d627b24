package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.cli.CliRun;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Drives runs through the CLI exactly as an operator in another terminal would, reading its --json output. */
final class RunDriver {
  private final String temporal;
  private final String admin;

  RunDriver(String temporal, String admin) {
    this.temporal = temporal;
    this.admin = admin;
  }

  CliRun ok(String... args) {
    CliRun r = CliRun.of(PoolRescueMain.commandLine(), withConnection(args));
    assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    return r;
  }

  CliRun run(String... args) {
    return CliRun.of(PoolRescueMain.commandLine(), withConnection(args));
  }

  private String[] withConnection(String[] args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (args[0].equals("pool")) {
      all.add("--admin");
      all.add(admin);
    } else {
      all.add("--temporal");
      all.add(temporal);
    }
    return all.toArray(String[]::new);
  }

  JsonNode json(String... args) {
    try {
      return Json.STRICT_IN.readTree(ok(args).out());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Open gates as {@code gates --json} lists them: [{workflowId, procedure, gate:{gateId,...}}]. */
  List<JsonNode> openGates() {
    List<JsonNode> gates = new ArrayList<>();
    json("gates", "--json").forEach(gates::add);
    return gates;
  }

  /** RUNNING, COMPLETED ...; also while no worker answers the query (exit 3, the execution state is still printed). */
  String execution(String workflowId) {
    CliRun r = run("status", workflowId, "--json");
    if (r.exitCode() != ExitCode.OK && r.exitCode() != ExitCode.UNREACHABLE) {
      throw new AssertionError(r.toString());
    }
    try {
      return Json.STRICT_IN.readTree(r.out()).path("execution").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(r.toString(), e);
    }
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what);
      }
      Thread.sleep(250);
    }
  }
}
