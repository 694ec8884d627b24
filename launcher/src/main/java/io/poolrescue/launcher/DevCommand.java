package io.poolrescue.launcher;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.LogSetup;
import io.poolrescue.cli.options.OutputOptions;
import io.poolrescue.client.admin.AdminJson;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.simulator.xapi.WireFaultPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the embedded dev stack running in the foreground (Ctrl-C stops it).",
      "Temporal's Java test server (real time) on 127.0.0.1:7233, a simulated pool served over XAPI on",
      "127.0.10.x, its admin endpoint on 127.0.0.1:7280, and a worker.",
      "Other terminals then use start, gates, approve, status, pool ... with their defaults."
    })
public class DevCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(names = "--pool", defaultValue = "small", description = "Simulated pool: preset (small, small-ha, large) or spec.json")
  String pool;

  @Option(names = "--timings", defaultValue = "demo", description = "demo (a host is declared dead after 20 s) or defaults (600 s, as XAPI)")
  String timings;

  @Option(names = "--latency", defaultValue = DevStack.Options.DEMO_LATENCY,
      description = "How long simulated operations take: instant, realistic (a real pool's figures: VM starts 20 s, 16 at a time per host, ...) or demo (realistic / 10)")
  String latency;

  @Option(names = "--fault-rate", defaultValue = "0", paramLabel = "RATE",
      description = "Share of XAPI calls (0 to 1) that meet a fault: dropped before read, reply lost after the call took effect, slow answer, agent restart")
  double faultRate;

  @Option(names = "--fault-seed", defaultValue = "1", paramLabel = "SEED",
      description = "Seed of the faults: the same seed and calls give the same faults, to replay a failing run")
  long faultSeed;

  @Option(names = "--temporal-port", defaultValue = "" + DevStack.Options.TEMPORAL_PORT, description = "Temporal port on 127.0.0.1 (0: any free)")
  int temporalPort;

  @Option(names = "--xapi-port", defaultValue = "" + DevStack.Options.XAPI_PORT, description = "XAPI port on each simulated host's address")
  int xapiPort;

  @Option(names = "--admin-port", defaultValue = "" + DevStack.Options.ADMIN_PORT, description = "Admin endpoint port on 127.0.0.1")
  int adminPort;

  @Option(names = "--no-worker", description = "No worker inside: start one separately with 'poolrescue worker --temporal ... --xapi ...'")
  boolean noWorker;

  @Option(names = "--console-port", defaultValue = "" + DevStack.Options.CONSOLE_PORT,
      description = "The console's port on localhost (0: any free)")
  int consolePort;

  @Option(names = "--no-console", description = "No console inside")
  boolean noConsole;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Backups, backup key and XAPI password file (default: a new temp dir)")
  Path stateDir;

  private WireFaultPlan faults() {
    if (!(faultRate >= 0 && faultRate <= 1)) {
      throw CliFailure.badInput("--fault-rate is a share of calls between 0 and 1, got " + faultRate);
    }
    return WireFaultPlan.at(faultRate, faultSeed);
  }

  @Override
  public Integer call() throws Exception {
    LogSetup.alsoToStderr();
    DevStack.Options options = new DevStack.Options(pool, timings, temporalPort, xapiPort, adminPort, !noWorker, stateDir)
        .withLatency(latency).withFaults(faults());
    // the credentials file names the console's origin, so its port is chosen before the stack starts
    int port = noConsole ? 0 : DevConsole.port(consolePort);
    DevStack stack = DevStack.start(options.withConsolePort(port));
    DevStackInfo info = stack.info();
    DevConsole console;
    try {
      console = noConsole ? null : DevConsole.start(info, port);
    } catch (RuntimeException e) {
      stack.close(); // the port is taken, say: nothing of the stack stays behind
      throw e;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (console != null) {
        console.close();
      }
      stack.close();
      stop.countDown();
    }, "dev-stack-stop"));
    PrintWriter out = spec.commandLine().getOut();
    if (output.json) {
      out.println(AdminJson.MAPPER.writeValueAsString(info)); // one line: scripts read it
    } else {
      out.println("poolrescue dev stack is up (Ctrl-C stops it)");
      out.println("  Temporal        " + info.temporal() + "  (namespace " + info.namespace() + ", real time)");
      out.println("  pool (XAPI)     " + info.xapiUrl() + "  user " + info.user() + ", password in " + info.passwordFile());
      out.println("  admin endpoint  " + info.admin());
      if (console != null) {
        out.println("  console         " + console.url() + "  (enrol a security key at " + console.url()
            + "#/enrol, add its entry to " + info.webauthnCredentials() + ")");
      }
      out.println("  backups         " + info.backupDir() + "  (key " + info.keyFile() + ")");
      out.println("  BMCs            Redfish on 127.1.x.y, one per host, listed in " + info.inventory());
      out.println("  worker          " + (info.worker() ? "running inside" : "none: poolrescue worker --temporal "
          + info.temporal() + " --xapi " + info.xapiUrl() + " --password-file " + info.passwordFile()
          + " --backup-dir " + info.backupDir() + " --key-file " + info.keyFile() + " --inventory " + info.inventory()
          + " --policy " + info.policy()));
      if (options.faults().active()) {
        out.println("  XAPI faults     " + options.faults() + "  (each logged as FAULT)");
      }
      out.println("  approval policy " + info.policy() + "  (signed starts and decisions only)");
      info.signingKeys().forEach((name, key) -> out.println("  signing key     " + name + ": " + key));
      String alice = info.signingKeys().get("alice");
      String bob = info.signingKeys().get("bob");
      out.println("Try, in another terminal:");
      out.println("  ./poolrescue pool show");
      out.println("  ./poolrescue pool fail-host host-2");
      out.println("  ./poolrescue start member-failure --pool " + info.masterAddress() + " --host HOST_UUID --mode FORGET"
          + (alice == null ? "" : " --as alice --key " + alice));
      out.println("  ./poolrescue gates");
      if (bob != null) {
        out.println("  ./poolrescue approve WORKFLOW_ID GATE --as bob --key " + bob + " --reason TEXT");
      }
    }
    out.flush();
    stop.await();
    return ExitCode.OK;
  }
}
