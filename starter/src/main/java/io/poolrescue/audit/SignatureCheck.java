package io.poolrescue.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.audit.RecordedRun.RecordedActivity;
import io.poolrescue.audit.RecordedRun.RecordedDecision;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.Procedure;
import io.poolrescue.signing.AllowedSigners;
import io.poolrescue.signing.SignatureRefused;
import io.poolrescue.signing.SshSignatures;
import io.poolrescue.signing.webauthn.WebAuthnAssertion;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import io.poolrescue.workflows.api.CanonicalJson;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.signing.SignedText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Verifies again, from the history alone, every signature a run accepted: the start's (in its memo)
 * and each decision's, against the allowed signers and WebAuthn credentials the run recorded at its
 * start. An edited copy of a history (another reason, another approver) no longer verifies, and the
 * report says so.
 */
final class SignatureCheck {
  /** The activity whose result is the policy a run decided under (workflows' first command since version 3). */
  static final String POLICY_ACTIVITY = "PolicyForRun";

  private final RecordedRun run;
  private final JsonNode policy;
  private final AllowedSigners signers;
  private final WebAuthnCredentials credentials;

  private SignatureCheck(RecordedRun run, JsonNode policy) {
    this.run = run;
    this.policy = policy;
    this.signers = AllowedSigners.parse(policy.path("allowedSigners").asText(""));
    this.credentials = WebAuthnCredentials.parseOrNone(policy.path("webauthnCredentials").asText(""));
  }

  /** Whether a decide update or a start memo carries a signature of either kind. */
  static boolean signed(JsonNode r) {
    return !r.path("signature").asText("").isBlank() || r.path("webauthn").isObject();
  }

  /** Empty for runs from before the worker's policy (nothing was signed then). */
  static Optional<SignatureCheck> of(RecordedRun run) {
    return run.activities().stream()
        .filter(a -> POLICY_ACTIVITY.equals(a.type()) && "COMPLETED".equals(a.outcome()) && a.result() != null)
        .map(RecordedActivity::result).findFirst().map(p -> new SignatureCheck(run, p));
  }

  /** The policy in force, for the report: where it came from and its hash. */
  String policy() {
    return policy.path("source").asText() + " (sha256 " + policy.path("sha256").asText() + "; "
        + (policy.path("unsignedDecisions").asBoolean(true) ? "unsigned decisions accepted" : "signed decisions only")
        + ", " + (policy.path("unsignedStarts").asBoolean(true) ? "unsigned starts accepted" : "signed starts only")
        + "; allowed signers sha256 " + policy.path("allowedSignersSha256").asText()
        + (policy.path("webauthnCredentials").asText("").isEmpty() ? ""
            : "; WebAuthn credentials sha256 " + policy.path("webauthnCredentialsSha256").asText()) + ")";
  }

  String start() {
    JsonNode memo = run.startSignature();
    if (memo == null || !signed(memo)) {
      return unsigned(policy.path("unsignedStarts").asBoolean(true), "starts");
    }
    String requestedBy = ReportAssembler.text(run.request(), "requestedBy");
    Optional<Procedure> procedure = Procedure.find(run.workflowType());
    if (requestedBy == null || procedure.isEmpty()) {
      return "NOT VERIFIED: the start has no requestedBy or is of an unknown procedure";
    }
    String canonical;
    try {
      canonical = CanonicalJson.of(Json.STRICT_IN.treeToValue(run.request(), procedure.get().requestType()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return "NOT VERIFIED: the recorded request cannot be read as a " + procedure.get().requestType().getSimpleName();
    }
    return verify(memo.path("signedAt").asText(null), memo, requestedBy, run.startedAt(),
        at -> SignedText.start(run.workflowId(), run.workflowType(), requestedBy, at, canonical));
  }

  /**
   * {@code fingerprint} and {@code targets}: the pool state the gate showed and the objects it named,
   * as today's replay of the run shows the gate.
   */
  String decision(RecordedDecision d, String fingerprint, List<String> targets) {
    JsonNode r = d.request();
    if (!signed(r)) {
      return unsigned(policy.path("unsignedDecisions").asBoolean(true), "decisions");
    }
    String approver = r.path("approver").asText();
    String gateId = r.path("gateId").asText();
    Decision decision;
    try {
      decision = Decision.valueOf(r.path("decision").asText());
    } catch (IllegalArgumentException e) {
      return "NOT VERIFIED: the recorded decision is neither APPROVE nor REJECT";
    }
    return verify(r.path("signedAt").asText(null), r, approver, d.acceptedAt(),
        at -> SignedText.decision(run.workflowId(), run.runId(), ReportAssembler.text(run.request(), "requestedBy"),
            gateId, fingerprint, targets, decision.name(), approver, at, r.path("reason").asText(null)));
  }

  /** @param signed the decide update or the start memo: its {@code signature} or its {@code webauthn} assertion */
  private String verify(String signedAt, JsonNode signed, String who, Instant when,
      java.util.function.Function<Instant, byte[]> text) {
    Instant at;
    try {
      at = Instant.parse(signedAt == null ? "" : signedAt);
    } catch (DateTimeParseException e) {
      return "NOT VERIFIED: signedAt '" + signedAt + "' is not a time";
    }
    try {
      if (signed.path("webauthn").isObject()) {
        WebAuthnAssertion assertion = Json.STRICT_IN.treeToValue(signed.path("webauthn"), WebAuthnAssertion.class);
        var verified = WebAuthnAssertions.verify(assertion, text.apply(at), who.strip(), credentials, 0);
        return "verified: " + who.strip() + " with WebAuthn credential " + verified.credential().fingerprint()
            + (verified.credential().label() == null ? "" : " (" + verified.credential().label() + ")");
      }
      String signature = signed.path("signature").asText();
      var verified = SshSignatures.verify(signature, text.apply(at), SignedText.NAMESPACE, who.strip(), signers, when);
      return "verified: " + who.strip() + " with key " + verified.keyFingerprint();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "NOT VERIFIED: the recorded WebAuthn assertion cannot be read";
    } catch (SignatureRefused e) {
      return "NOT VERIFIED (" + e.reason() + "): " + e.getMessage();
    }
  }

  private static String unsigned(boolean accepted, String what) {
    return accepted ? "unsigned (the policy in force accepted unsigned " + what + ")"
        : "NOT VERIFIED: unsigned, though the policy in force accepted signed " + what + " only";
  }

  static boolean flagged(String verdict) {
    return verdict != null && verdict.startsWith("NOT VERIFIED");
  }
}
