package io.poolrescue.cli.commands;

import io.poolrescue.workflows.api.Decision;
import picocli.CommandLine.Command;

@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description = {
      "Reject an open gate: the run stops safely, nothing dangerous runs after it.",
      "A refusal from the workflow is printed on one line and the exit code is 1."
    })
public class RejectCommand extends DecideCommand {
  @Override
  Decision decision() {
    return Decision.REJECT;
  }
}
