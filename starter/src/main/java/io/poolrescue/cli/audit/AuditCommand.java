package io.poolrescue.cli.audit;

import io.poolrescue.audit.AuditEngine;
import io.poolrescue.audit.AuditInputException;
import io.poolrescue.audit.AuditReport;
import io.poolrescue.audit.ChildHistories;
import io.poolrescue.audit.CurrentWorkflows;
import io.poolrescue.audit.HistoryLoader;
import io.poolrescue.audit.render.VerdictText;
import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Identity;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.codec.KeyFileException;
import io.poolrescue.client.codec.PayloadKeyring;
import io.poolrescue.client.options.TemporalOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a recorded run against today's workflow code and report what it did:",
      "verdict, timeline, every gate with its evidence and decisions, every pool operation,",
      "the pool before and after, warnings."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  today's code replays the run (and its child runs) cleanly",
      "  1  today's code diverges from the run or a child run (the report names the event), or a replay failed",
      "  2  bad input: not a history, unknown procedure, unknown workflow id, missing or wrong key",
      "  3  Temporal unreachable (when auditing by workflow id)"
    })
public class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;

  @Parameters(
      paramLabel = "FILE|ID",
      description = "An exported history (JSON, e.g. from 'history export' or the Web UI), or a workflow id to fetch")
  String source;

  @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE})")
  AuditFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout")
  Path output;

  @Option(
      names = "--workflow-id",
      paramLabel = "ID",
      description = "The run's workflow id, for a FILE whose name is not it (a replay of a run with child runs needs it)")
  String workflowId;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      defaultValue = "${env:POOLRESCUE_PAYLOAD_KEY_FILE}",
      description = "Payload encryption key (needed for encrypted histories; env POOLRESCUE_PAYLOAD_KEY_FILE)")
  Path keyFile;

  private final List<Class<?>> workflows;

  public AuditCommand() {
    this(CurrentWorkflows.all());
  }

  /** Audits against other workflow classes than today's (tests: an incompatible variant). */
  public AuditCommand(List<Class<?>> workflows) {
    this.workflows = List.copyOf(workflows);
  }

  @Option(names = "--no-children", description = "Audit only this run, not its child runs")
  boolean noChildren;

  @Override
  public Integer call() throws IOException {
    AuditReport report;
    try {
      Optional<PayloadKeyring> key = Optional.ofNullable(keyFile).map(PayloadKeyring::read);
      report = isFile() ? auditFile(key) : auditOnCluster(key);
    } catch (AuditInputException | KeyFileException e) {
      throw CliFailure.badInput(e.getMessage());
    }
    String rendered = format.render(report);
    if (output == null) {
      spec.commandLine().getOut().print(rendered);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, rendered, StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("wrote the " + format + " report of " + report.source() + " to " + output);
    }
    AuditReport diverged = firstNotClean(report);
    if (diverged != null) {
      spec.commandLine().getErr().println("poolrescue: audit of " + diverged.source() + ": "
          + VerdictText.of(diverged.verdict(), diverged.eventCount()));
      spec.commandLine().getErr().flush();
      return ExitCode.FAILED;
    }
    return ExitCode.OK;
  }

  /** A path that exists, or a name ending in .json, is a file; anything else (child ids have slashes) is a workflow id. */
  private boolean isFile() {
    return Files.exists(Path.of(source)) || source.endsWith(".json");
  }

  private AuditReport auditFile(Optional<PayloadKeyring> key) {
    Path path = Path.of(source);
    WorkflowExecutionHistory history = HistoryLoader.fromFile(path, workflowId);
    try (AuditEngine engine = new AuditEngine(workflows, key)) {
      return engine.audit(history, source, noChildren ? ChildHistories.none() : ChildHistories.besideFile(path));
    }
  }

  private AuditReport auditOnCluster(Optional<PayloadKeyring> key) {
    try (TemporalSession session = TemporalSession.open(temporal, Identity.resolve(null))) {
      WorkflowExecutionHistory history = HistoryLoader.fromCluster(session.client(), source);
      try (AuditEngine engine = new AuditEngine(workflows, key)) {
        return engine.audit(history, "workflow " + source,
            noChildren ? ChildHistories.none() : ChildHistories.onCluster(session.client()));
      }
    }
  }

  /** The first run of the tree, depth first, that today's code does not replay cleanly. */
  private static AuditReport firstNotClean(AuditReport r) {
    if (!r.verdict().clean()) {
      return r;
    }
    for (AuditReport child : r.childAudits()) {
      AuditReport found = firstNotClean(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
