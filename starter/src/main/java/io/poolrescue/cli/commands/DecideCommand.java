package io.poolrescue.cli.commands;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Identity;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.SignedRequests;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.cli.options.OutputOptions;
import io.poolrescue.cli.options.SigningOptions;
import io.poolrescue.cli.render.GateText;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** approve / reject: the {@code decide} update; the workflow's validator has the last word. */
abstract class DecideCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;
  @Mixin OutputOptions output;
  @Mixin SigningOptions signing;

  @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The run (a child run's gate is found from its parent too)")
  String workflowId;

  @Parameters(index = "1", paramLabel = "GATE", description = "The gate id, as 'gates' or 'status' shows it")
  String gateId;

  @Option(names = "--as", paramLabel = "NAME", description = "Who decides (default: the OS user); four eyes: not the run's starter")
  String as;

  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why; recorded in the run's history")
  String reason;

  abstract Decision decision();

  @Override
  public Integer call() {
    if (reason.isBlank()) {
      throw CliFailure.badInput("--reason must say why");
    }
    String approver = Identity.resolve(as);
    try (TemporalSession session = TemporalSession.open(temporal, approver)) {
      String target = runHoldingGate(session, workflowId, gateId);
      DecideRequest request = signing.signer().flatMap(signer -> signed(session, signer, target, approver))
          .orElseGet(() -> new DecideRequest(gateId, approver, decision(), reason));
      GateDecision recorded = session.run(target).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, request);
      if (output.json) {
        spec.commandLine().getOut().println(Json.write(recorded));
      } else {
        spec.commandLine().getOut().println("recorded on " + target + ": gate " + gateId + " " + GateText.decision(recorded));
      }
    }
    return ExitCode.OK;
  }

  /**
   * Signs the decision for the run as it is now: its run id, and the gate's fingerprint as the run
   * shows it. A gate the run does not have is not signed: the workflow refuses it in its own words.
   */
  private Optional<DecideRequest> signed(TemporalSession session, SshKeygenSigner signer, String target,
      String approver) {
    String runId = session.run(target).describe().getExecution().getRunId();
    RunStatus status = session.run(target).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
    return status.gates().stream().filter(g -> g.gateId().equals(gateId)).findFirst()
        .map(gate -> SignedRequests.decision(signer, target, runId, status.requestedBy(), gate, approver, decision(),
            reason));
  }

  /**
   * The run itself when it knows the gate, else the child run that has it open. When nobody knows it the
   * run itself gets the update, so its validator gives the refusal in its own words.
   */
  static String runHoldingGate(TemporalSession session, String workflowId, String gateId) {
    RunStatus root = session.run(workflowId).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
    if (root.gates().stream().anyMatch(g -> g.gateId().equals(gateId))) {
      return workflowId;
    }
    List<String> todo = new ArrayList<>(root.children());
    while (!todo.isEmpty()) {
      String child = todo.remove(0);
      try {
        RunStatus s = session.run(child).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
        if (s.openGates().stream().anyMatch(g -> g.gateId().equals(gateId))) {
          return child;
        }
        todo.addAll(s.children());
      } catch (WorkflowException e) {
        // a child without the query (or gone): not where the gate is
      }
    }
    return workflowId;
  }
}
