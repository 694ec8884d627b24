package io.poolrescue.launcher.demo;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ErrorReport;
import io.poolrescue.cli.RunFollower;
import io.poolrescue.cli.SignedRequests;
import io.poolrescue.cli.render.GateText;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * The second person at each gate of the demo: either asks at the terminal (approve or reject, with a
 * reason) or, with {@code --yes}, approves as the given identity. Decisions go through the real
 * {@code decide} update, so the workflow's validator still has the last word.
 */
public final class DemoOperator implements RunFollower.GateHandler {
  private final WorkflowClient client;
  private final PrintWriter out;
  private final BufferedReader in; // null: approve without asking
  private final String approver;
  private final SshKeygenSigner key;
  private final Consumer<GateView> beforeApproving;

  /**
   * @param key the approver's SSH key: every decision is signed, as the dev stack's policy requires
   * @param beforeApproving the hands-on part of a human task (e.g. rebooting a host), done right before approving
   */
  public DemoOperator(WorkflowClient client, PrintWriter out, BufferedReader in, String approver, SshKeygenSigner key,
      Consumer<GateView> beforeApproving) {
    this.client = client;
    this.out = out;
    this.in = in;
    this.approver = approver;
    this.key = key;
    this.beforeApproving = beforeApproving;
  }

  @Override
  public void onOpen(String workflowId, GateView gate) {
    if (in == null) {
      decide(workflowId, gate, Decision.APPROVE,
          "approved by " + approver + " (demo --yes) after reading the evidence above");
      return;
    }
    while (true) {
      String answer = ask("Approve gate " + gate.gateId() + "? [a]pprove / [r]eject: ").toLowerCase();
      Decision d = answer.startsWith("a") || answer.startsWith("y") ? Decision.APPROVE
          : answer.startsWith("r") || answer.startsWith("n") ? Decision.REJECT : null;
      if (d == null) {
        continue;
      }
      String reason = ask("Reason (recorded in the history): ");
      if (reason.isBlank()) {
        out.println("a reason is required");
        continue;
      }
      if (decide(workflowId, gate, d, reason)) {
        return;
      }
    }
  }

  private boolean decide(String workflowId, GateView gate, Decision d, String reason) {
    if (d == Decision.APPROVE) {
      beforeApproving.accept(gate);
    }
    try {
      WorkflowStub run = client.newUntypedWorkflowStub(workflowId);
      String requestedBy = run.query(RecoveryRun.STATUS_QUERY, RunStatus.class).requestedBy();
      DecideRequest signed = SignedRequests.decision(key, workflowId, run.describe().getExecution().getRunId(),
          requestedBy, gate, approver, d, reason);
      GateDecision recorded = run.update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, signed);
      out.println(">>> DECISION on " + gate.gateId() + ": " + GateText.decision(recorded));
      out.flush();
      return true;
    } catch (WorkflowUpdateException e) {
      out.println(">>> refused: " + ErrorReport.of(e).line().replaceFirst("^refused: ", ""));
      out.flush();
      if (in == null) {
        throw CliFailure.failed("the workflow refused " + approver + "'s decision on gate " + gate.gateId());
      }
      return false;
    }
  }

  private String ask(String prompt) {
    out.print(prompt);
    out.flush();
    try {
      String line = in.readLine();
      if (line == null) {
        throw CliFailure.failed("no more input at gate prompt: nothing was decided");
      }
      return line.strip();
    } catch (IOException e) {
      throw CliFailure.failed("cannot read the answer: " + e.getMessage());
    }
  }
}
