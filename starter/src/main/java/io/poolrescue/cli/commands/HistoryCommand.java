package io.poolrescue.cli.commands;

import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Identity;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.options.TemporalOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "A run's Temporal event history.",
    subcommands = HistoryCommand.Export.class)
public class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.BAD_INPUT;
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the run's history as JSON (the format the Web UI downloads and 'temporal workflow show' prints).")
  public static class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TemporalOptions temporal;

    @Parameters(paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the JSON")
    Path file;

    @Override
    public Integer call() throws IOException {
      try (TemporalSession session = TemporalSession.open(temporal, Identity.resolve(null))) {
        WorkflowExecutionHistory history = session.client().fetchHistory(workflowId);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(file, history.toJson(true), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println(
            "wrote " + history.getEvents().size() + " events of " + workflowId + " to " + file);
      }
      return ExitCode.OK;
    }
  }
}
