package io.poolrescue.cli.commands;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.options.OutputOptions;
import io.poolrescue.pool.fence.BmcPower;
import io.poolrescue.pool.fence.BmcReading;
import io.poolrescue.pool.fence.DefaultFenceAgents;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.inventory.InventoryReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the BMCs of an inventory say, asked from the operator's machine with the same agents the
 * worker uses, so that fencing is tested before a recovery needs it. Read-only: nothing is powered off.
 */
@Command(
    name = "fence",
    mixinStandardHelpOptions = true,
    description = "Ask the hosts' BMCs (the inventory's) what they say, without changing anything.",
    subcommands = {FenceCommand.Status.class, FenceCommand.Check.class})
public class FenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.BAD_INPUT;
  }

  /** One host's line: its BMC's answer. */
  public record HostPower(String uuid, String name, String bmc, String power, String raw, String reason) {
    static HostPower of(InventoryHost h, BmcReading r) {
      return new HostPower(h.uuid(), h.name(), h.bmc() == null ? null : h.bmcTarget().orElseThrow().describe(),
          r.power().name(), r.raw(), r.reason());
    }

    boolean known() {
      return !BmcPower.UNKNOWN.name().equals(power);
    }
  }

  /** The inventory option both subcommands take; the worker's file, credential references included. */
  static class InventoryOption {
    @Option(names = "--inventory", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_INVENTORY}",
        description = "The worker's inventory (env POOLRESCUE_INVENTORY)")
    Path file;

    Inventory read() {
      if (file == null || file.toString().isBlank()) {
        throw CliFailure.badInput("say which inventory: --inventory FILE (or POOLRESCUE_INVENTORY)");
      }
      try {
        return InventoryReader.read(file);
      } catch (IllegalArgumentException e) {
        throw CliFailure.badInput(e.getMessage());
      }
    }
  }

  static List<HostPower> ask(Inventory inventory, List<InventoryHost> hosts) {
    HostFencing fencing = new HostFencing(inventory, new DefaultFenceAgents(), Clock.systemUTC());
    return hosts.stream().map(h -> HostPower.of(h, fencing.powerState(h.uuid()))).toList();
  }

  static void print(PrintWriter out, List<HostPower> lines) {
    out.printf("%-36s  %-12s  %-7s  %s%n", "HOST", "NAME", "POWER", "BMC / WHY");
    for (HostPower p : lines) {
      out.printf("%-36s  %-12s  %-7s  %s%n", p.uuid(), p.name() == null ? "" : p.name(), p.power(),
          p.known() ? p.bmc() : (p.bmc() == null ? "" : p.bmc() + ": ") + p.reason());
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "What each BMC says of its host's power: On, Off, or why it cannot tell.")
  public static class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin InventoryOption inventory;
    @Mixin OutputOptions output;

    @Parameters(paramLabel = "HOST", arity = "0..*", description = "Hosts by uuid, name or address (default: --all)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--all", description = "Every host of the inventory")
    boolean all;

    @Override
    public Integer call() {
      Inventory inv = inventory.read();
      List<InventoryHost> every = inv.pools().stream().flatMap(p -> p.hosts().stream()).toList();
      List<InventoryHost> chosen = new ArrayList<>();
      if (all || hosts.isEmpty()) {
        chosen.addAll(every);
      }
      for (String asked : hosts) {
        InventoryHost h = every.stream().filter(x -> asked.equals(x.uuid()) || asked.equals(x.name())
                || x.addresses().contains(asked)).findFirst()
            .orElseThrow(() -> CliFailure.badInput("host '" + asked + "' is not in the inventory " + inventory.file));
        if (!chosen.contains(h)) {
          chosen.add(h);
        }
      }
      List<HostPower> lines = ask(inv, chosen);
      PrintWriter out = spec.commandLine().getOut();
      if (output.json) {
        out.println(Json.write(lines));
      } else {
        print(out, lines);
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"For every host of the inventory: it has a BMC, the BMC answers, accepts the credentials "
          + "and knows the host (by serial). Exit code 1 if any host could not be fenced."})
  public static class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin InventoryOption inventory;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      Inventory inv = inventory.read();
      List<HostPower> lines = ask(inv, inv.pools().stream().flatMap(p -> p.hosts().stream()).toList());
      long unfenceable = lines.stream().filter(p -> !p.known()).count();
      PrintWriter out = spec.commandLine().getOut();
      if (output.json) {
        out.println(Json.write(lines));
      } else {
        print(out, lines);
        out.println(unfenceable == 0 ? "every host can be fenced"
            : unfenceable + " of " + lines.size() + " host(s) cannot be fenced: a run that must treat them as off "
                + "stops before anything dangerous");
      }
      return unfenceable == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
  }
}
