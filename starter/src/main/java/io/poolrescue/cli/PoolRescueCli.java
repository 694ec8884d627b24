package io.poolrescue.cli;

import io.poolrescue.cli.commands.ApproveCommand;
import io.poolrescue.cli.commands.DemoCommand;
import io.poolrescue.cli.commands.DevCommand;
import io.poolrescue.cli.commands.PoolCommand;
import io.poolrescue.cli.commands.GatesCommand;
import io.poolrescue.cli.commands.HistoryCommand;
import io.poolrescue.cli.commands.RejectCommand;
import io.poolrescue.cli.commands.StartCommand;
import io.poolrescue.cli.commands.StatusCommand;
import io.poolrescue.worker.WorkerMain;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

@Command(
    name = "poolrescue",
    mixinStandardHelpOptions = true,
    version = "poolrescue 0.1.0",
    description = "Durable, auditable recovery runbooks for XenServer / XCP-ng pools, on Temporal.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done (a followed run ended RECOVERED or NOTHING_TO_DO)",
      "  1  refused or failed (gate decision refused, run already in progress, run REJECTED/EXPIRED/FAILED)",
      "  2  bad input (unknown command, procedure or option, malformed JSON, unknown workflow id)",
      "  3  unreachable (Temporal frontend, dev stack admin endpoint, or no worker answering)"
    },
    subcommands = {
      DemoCommand.class,
      DevCommand.class,
      StartCommand.class,
      StatusCommand.class,
      GatesCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      PoolCommand.class,
      HistoryCommand.class,
      CommandLine.HelpCommand.class
    })
public class PoolRescueCli implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.BAD_INPUT;
  }

  /** The configured command line: one-line errors and the exit codes above, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new PoolRescueCli());
    // The worker process, also reachable as 'poolrescue worker' (same options as the container's).
    cl.addSubcommand("worker", new CommandLine(new WorkerMain()));
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          ErrorReport r = ErrorReport.of(e);
          cmd.getErr().println("poolrescue: " + r.line());
          cmd.getErr().flush();
          return r.exitCode();
        });
    cl.setParameterExceptionHandler(PoolRescueCli::usageError);
    return cl;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException u && "start".equals(cmd.getCommandName())
        && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
      message = "unknown procedure '" + u.getUnmatched().get(0) + "' (known: " + Procedure.names() + ")";
    }
    err.println("poolrescue: " + ErrorReport.firstLine(message) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCode.BAD_INPUT;
  }

  public static void main(String[] args) {
    // Before any logger exists: the CLI logs to a file; 'poolrescue worker' logs to the console like the
    // worker image does (the worker module's logback.xml).
    if (System.getProperty("logback.configurationFile") == null) {
      boolean worker = args.length > 0 && args[0].equals("worker");
      System.setProperty("logback.configurationFile", worker ? "logback.xml" : "logback-cli.xml");
    }
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
