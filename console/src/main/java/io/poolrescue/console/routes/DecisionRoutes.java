package io.poolrescue.console.routes;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.poolrescue.cli.ErrorReport;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.console.ConsoleRefusal;
import io.poolrescue.console.JsonBodies;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.webauthn.WebAuthnAssertion;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RecoveryRun;
import io.temporal.client.WorkflowUpdateException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A decision in two requests. First the challenge: the console builds the text the decision signs
 * (docs/signatures.md) from the run as it is now, and the browser's authenticator signs its SHA-256.
 * Then the decision with the assertion, sent as the {@code decide} update: the workflow rebuilds the
 * text from its own state and verifies; the console checks nothing it could get wrong in its favour.
 */
public final class DecisionRoutes {
  static final String CHALLENGE = "/api/runs/{workflowId}/gates/{gateId}/challenge";
  static final String DECIDE = "/api/runs/{workflowId}/gates/{gateId}/decide";

  private final TemporalSession session;
  private final RunRoutes runs;

  public DecisionRoutes(TemporalSession session, RunRoutes runs) {
    this.session = session;
    this.runs = runs;
  }

  /** What a person is about to sign. */
  public record Intent(String approver, Decision decision, String reason) {}

  /** The text to sign, its challenge (base64url of its SHA-256) and the signing time it names. */
  public record Challenge(String text, String challenge, String signedAt) {}

  /** The decision with the browser's assertion over the challenge for exactly these values. */
  public record SignedDecision(String approver, Decision decision, String reason, String signedAt,
      WebAuthnAssertion webauthn) {}

  public void register(Javalin app) {
    app.post(CHALLENGE, this::challenge);
    app.post(DECIDE, this::decide);
  }

  private void challenge(Context ctx) {
    Intent intent = JsonBodies.read(ctx, Intent.class);
    String approver = JsonBodies.required(intent.approver(), "approver");
    String reason = JsonBodies.required(intent.reason(), "reason");
    if (intent.decision() == null) {
      throw new ConsoleRefusal("decision must be APPROVE or REJECT");
    }
    String workflowId = ctx.pathParam("workflowId");
    RunRoutes.RunView run = runs.run(workflowId);
    GateView gate = run.status().openGates().stream().filter(g -> g.gateId().equals(ctx.pathParam("gateId")))
        .findFirst().orElseThrow(() -> new ConsoleRefusal(409, "gate " + ctx.pathParam("gateId") + " of "
            + workflowId + " is not open (decided, voided or expired); reload the run"));
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] text = SignedText.decision(workflowId, run.runId(), run.status().requestedBy(), gate.gateId(),
        gate.fingerprint(), gate.targets(), intent.decision().name(), approver, at, reason);
    ctx.json(challengeOf(text, at));
  }

  static Challenge challengeOf(byte[] text, Instant at) {
    return new Challenge(new String(text, java.nio.charset.StandardCharsets.UTF_8),
        Base64.getUrlEncoder().withoutPadding().encodeToString(WebAuthnAssertions.challengeOf(text)), at.toString());
  }

  private void decide(Context ctx) {
    SignedDecision d = JsonBodies.read(ctx, SignedDecision.class);
    if (d.webauthn() == null) {
      throw new ConsoleRefusal("the console sends signed decisions only: webauthn (the assertion) is missing");
    }
    JsonBodies.required(d.reason(), "reason");
    String workflowId = ctx.pathParam("workflowId");
    DecideRequest request = new DecideRequest(ctx.pathParam("gateId"), JsonBodies.required(d.approver(), "approver"),
        d.decision(), d.reason(), d.signedAt(), null, d.webauthn());
    try {
      ctx.json(session.run(workflowId).update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, request));
    } catch (WorkflowUpdateException e) {
      throw new ConsoleRefusal("the run refused the decision: " + ErrorReport.failureMessage(e));
    }
  }
}
