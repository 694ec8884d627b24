package io.poolrescue.cli.commands;

import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Procedure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a recovery run and print its workflow id.",
      "The request comes from flags or a JSON file (--request); --wait follows the run to its end",
      "(exit code 0 only when the pool was recovered)."
    },
    subcommands = {
      StartMemberFailure.class,
      StartMasterFailure.class,
      StartPoolRestore.class,
      StartHostConfigRestore.class,
      StartVmMetadataImport.class,
      StartPoolBackup.class
    })
public class StartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("start needs a procedure: " + Procedure.names());
    return ExitCode.BAD_INPUT;
  }
}
