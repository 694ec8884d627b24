package io.poolrescue.cli;

import io.poolrescue.cli.audit.AuditCommand;
import io.poolrescue.cli.commands.ApproveCommand;
import io.poolrescue.cli.commands.FenceCommand;
import io.poolrescue.cli.commands.GatesCommand;
import io.poolrescue.cli.commands.HistoryCommand;
import io.poolrescue.cli.commands.PoolCommand;
import io.poolrescue.cli.commands.RejectCommand;
import io.poolrescue.cli.commands.StartCommand;
import io.poolrescue.cli.commands.StatusCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
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
    })
public class PoolRescueCli implements Callable<Integer> {
  /** The commands that only talk to Temporal or to the dev stack's admin endpoint, in help order. */
  private static final List<Class<?>> CLIENT_COMMANDS = List.of(
      StartCommand.class,
      StatusCommand.class,
      GatesCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      PoolCommand.class,
      FenceCommand.class,
      HistoryCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.BAD_INPUT;
  }

  /**
   * The client commands, configured: one-line errors and the exit codes above. The {@code poolrescue}
   * executable (launcher module) adds the commands that compose processes: worker, dev, demo.
   */
  public static CommandLine commandLine() {
    return commandLine(Map.of());
  }

  /** The same with more commands by name, added before the handlers so that they apply to them too. */
  public static CommandLine commandLine(Map<String, Object> moreCommands) {
    CommandLine cl = new CommandLine(new PoolRescueCli());
    moreCommands.forEach(cl::addSubcommand);
    for (Class<?> command : CLIENT_COMMANDS) {
      cl.addSubcommand(command);
    }
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
}
