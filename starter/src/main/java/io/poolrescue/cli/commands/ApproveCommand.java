package io.poolrescue.cli.commands;

import io.poolrescue.workflows.api.Decision;
import picocli.CommandLine.Command;

@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve an open gate (the 'decide' update).",
      "A refusal (unknown or closed gate, approver not allowed, the run's own starter, a second vote)",
      "is printed on one line and the exit code is 1."
    })
public class ApproveCommand extends DecideCommand {
  @Override
  Decision decision() {
    return Decision.APPROVE;
  }
}
