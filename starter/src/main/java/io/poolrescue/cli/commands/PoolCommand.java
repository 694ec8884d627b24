package io.poolrescue.cli.commands;

import io.poolrescue.cli.AdminClient;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.options.AdminOptions;
import io.poolrescue.cli.options.OutputOptions;
import io.poolrescue.cli.render.PoolText;
import io.poolrescue.client.admin.Fault;
import io.poolrescue.client.admin.JournalLine;
import io.poolrescue.client.admin.PoolSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "pool",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect the dev stack's simulated pool and inject faults into it (through its admin endpoint).",
      "HOST is a uuid, a name (host-2) or an address (127.0.10.2)."
    })
public class PoolCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AdminOptions admin;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.BAD_INPUT;
  }

  private AdminClient client() {
    return new AdminClient(admin.uri());
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Hosts, VMs, what really runs where, health.")
  int show() {
    PoolSummary p = client().pool();
    if (output.json) {
      out().println(Json.write(p));
    } else {
      PoolText.render(p).forEach(out()::println);
    }
    return ExitCode.OK;
  }

  @Command(name = "journal", mixinStandardHelpOptions = true, description = "Every mutating XAPI call the pool received, in order.")
  int journal() {
    List<JournalLine> entries = client().journal();
    if (output.json) {
      out().println(Json.write(entries));
    } else {
      entries.forEach(e -> out().println(e.seq() + "  " + e.at() + "  " + e.call() + " " + String.join(" ", e.args())
          + " via " + e.via() + " -> " + e.outcome()));
    }
    return ExitCode.OK;
  }

  private int inject(Fault fault) {
    String done = client().inject(fault);
    if (output.json) {
      out().println(Json.write(Map.of("done", done)));
    } else {
      out().println(done);
    }
    return ExitCode.OK;
  }

  @Command(name = "fail-host", mixinStandardHelpOptions = true, description = "Power loss: the host and its domains are gone, no heartbeats.")
  int failHost(@Parameters(paramLabel = "HOST") String host) {
    return inject(new Fault.FailHost(host));
  }

  @Command(name = "fail-master", mixinStandardHelpOptions = true, description = "Power loss of the current pool master.")
  int failMaster() {
    return inject(new Fault.FailMaster());
  }

  @Command(name = "shutdown-host", mixinStandardHelpOptions = true, description = "Clean shutdown: the master marks it dead at once.")
  int shutdownHost(@Parameters(paramLabel = "HOST") String host) {
    return inject(new Fault.ShutdownHost(host));
  }

  @Command(name = "cut-network", mixinStandardHelpOptions = true, description = "The host and its VMs keep running but nobody reaches it.")
  int cutNetwork(@Parameters(paramLabel = "HOST") String host) {
    return inject(new Fault.CutNetwork(host));
  }

  @Command(name = "damage-config", mixinStandardHelpOptions = true, description = "The host runs but its XAPI answers HOST_BROKEN.")
  int damageConfig(@Parameters(paramLabel = "HOST") String host) {
    return inject(new Fault.DamageConfig(host));
  }

  @Command(name = "lose-storage", mixinStandardHelpOptions = true, description = "The host loses its path to an SR (PBD unplugged).")
  int loseStorage(@Parameters(index = "0", paramLabel = "HOST") String host, @Parameters(index = "1", paramLabel = "SR") String sr) {
    return inject(new Fault.LoseStorage(host, sr));
  }

  @Command(name = "restore", mixinStandardHelpOptions = true, description = "Undo a host's fault (a killed host reboots; its VMs come back Halted).")
  int restore(@Parameters(paramLabel = "HOST") String host) {
    return inject(new Fault.Restore(host));
  }

  @Command(name = "lose-all-hosts", mixinStandardHelpOptions = true, description = "Every host of the pool is lost for good.")
  int loseAllHosts() {
    return inject(new Fault.LoseAllHosts());
  }

  @Command(name = "bmc-fault", mixinStandardHelpOptions = true,
      description = "The host's BMC misbehaves: unreachable, ignores-power-off, refuses-reset, no-force-off; none repairs it.")
  int bmcFault(@Parameters(index = "0", paramLabel = "HOST") String host,
      @Parameters(index = "1", paramLabel = "FAULT") String fault) {
    return inject(new Fault.BmcMisbehaves(host, fault));
  }
}
