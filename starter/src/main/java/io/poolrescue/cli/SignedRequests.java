package io.poolrescue.cli;

import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.workflows.api.CanonicalJson;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.signing.SignedText;
import io.poolrescue.workflows.api.StartSignature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Signs what the CLI sends, over the text the workflow rebuilds to verify it. */
public final class SignedRequests {
  private SignedRequests() {}

  public static StartSignature start(SshKeygenSigner signer, String workflowId, String procedure, String requestedBy,
      Object request) {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] text = SignedText.start(workflowId, procedure, requestedBy, at, CanonicalJson.of(request));
    return new StartSignature(at.toString(), sign(signer, text));
  }

  /** A decision at {@code gate} of the run {@code workflowId}/{@code runId} that {@code requestedBy} started. */
  public static DecideRequest decision(SshKeygenSigner signer, String workflowId, String runId, String requestedBy,
      GateView gate, String approver, Decision decision, String reason) {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] text = SignedText.decision(workflowId, runId, requestedBy, gate.gateId(), gate.fingerprint(),
        gate.targets(), decision.name(), approver, at, reason);
    return new DecideRequest(gate.gateId(), approver, decision, reason, at.toString(), sign(signer, text));
  }

  private static String sign(SshKeygenSigner signer, byte[] text) {
    try {
      return signer.sign(text, SignedText.NAMESPACE);
    } catch (IllegalStateException e) {
      throw CliFailure.badInput("could not sign: " + e.getMessage());
    }
  }
}
