package io.poolrescue.launcher;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Identity;
import io.poolrescue.cli.Procedure;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.launcher.demo.DemoRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Break a simulated pool and watch a recovery run, gate by gate.",
      "Starts the dev stack on free ports, injects the fault, runs the matching recovery and shows each",
      "step and gate as it happens with its evidence, then the pool before and after.",
      "In a terminal you decide each gate; --yes --as NAME approves them as that (second) person.",
      "Exit code 0 when the run recovered the pool and the pool is healthy."
    })
public class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PROCEDURE", defaultValue = "member-failure",
      description = "member-failure (default), master-failure, host-config-restore, pool-restore or vm-metadata-import")
  String procedure;

  @Option(names = "--yes", description = "Approve every gate without asking (needs --as)")
  boolean yes;

  @Option(names = "--as", paramLabel = "NAME", description = "Who decides the gates (must differ from the starter: four eyes)")
  String as;

  @Option(names = "--started-by", paramLabel = "NAME", description = "Who starts the run (default: the OS user)")
  String startedBy;

  @Option(names = "--pool", defaultValue = "small", description = "Simulated pool preset or spec.json (default: ${DEFAULT-VALUE})")
  String pool;

  @Option(names = "--latency", defaultValue = DevStack.Options.DEMO_LATENCY,
      description = "How long simulated operations take: instant, realistic (a real pool's figures) or demo "
          + "(realistic / 10; default)")
  String latency;

  private String askName(BufferedReader in, String starter) throws java.io.IOException {
    spec.commandLine().getOut().print("You decide the gates. Your name (not " + starter + ", who starts the run): ");
    spec.commandLine().getOut().flush();
    String name = in.readLine();
    if (name == null || name.isBlank()) {
      throw CliFailure.badInput("a name is needed to decide gates (or use --as NAME)");
    }
    return name.strip();
  }

  @Override
  public Integer call() throws Exception {
    Procedure p = Procedure.find(procedure)
        .orElseThrow(() -> CliFailure.badInput("unknown procedure '" + procedure + "' (known: " + Procedure.names() + ")"));
    String starter = Identity.resolve(startedBy);
    BufferedReader in = null;
    if (yes) {
      if (as == null) {
        throw CliFailure.badInput("--yes needs --as NAME: the identity that approves (not the starter)");
      }
    } else {
      if (System.console() == null && !"true".equals(System.getProperty("poolrescue.demo.stdin"))) {
        throw CliFailure.badInput("no terminal to ask at the gates: use --yes --as NAME");
      }
      in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    }
    String approver = as != null ? Identity.resolve(as) : askName(in, starter);
    if (approver.equals(starter)) {
      throw CliFailure.badInput("the approver must not be the starter (" + starter + "): four eyes; use --started-by or --as");
    }
    return new DemoRun(spec.commandLine().getOut(), p,
        DevStack.Options.ephemeral().withPool(pool).withLatency(latency), starter, approver, in).run() ? ExitCode.OK : ExitCode.FAILED;
  }
}
