package io.poolrescue.launcher;

import io.poolrescue.cli.PoolRescueCli;
import io.poolrescue.console.ConsoleCommand;
import io.poolrescue.worker.WorkerMain;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code poolrescue} executable: the CLI's client commands (starter) plus the three that compose
 * processes through their entry points: {@code worker} (the worker process), {@code dev} (the
 * embedded dev stack) and {@code demo} (dev stack, fault and recovery in one).
 */
public final class PoolRescueMain {
  static final String WORKER = "worker";

  private PoolRescueMain() {}

  /** The whole command line, for main and for tests. */
  public static CommandLine commandLine() {
    Map<String, Object> processes = new LinkedHashMap<>();
    processes.put("demo", new DemoCommand());
    processes.put("dev", new DevCommand());
    processes.put(WORKER, new WorkerMain()); // same options as the worker container's
    processes.put("console", new ConsoleCommand());
    return PoolRescueCli.commandLine(processes);
  }

  public static void main(String[] args) {
    // Before any logger exists: the CLI logs to a file; 'poolrescue worker' logs to the console like the
    // worker image does (the worker module's logback.xml).
    if (System.getProperty("logback.configurationFile") == null) {
      boolean worker = args.length > 0 && args[0].equals(WORKER);
      System.setProperty("logback.configurationFile", worker ? "logback.xml" : "logback-cli.xml");
    }
    System.exit(commandLine().execute(args));
  }
}
