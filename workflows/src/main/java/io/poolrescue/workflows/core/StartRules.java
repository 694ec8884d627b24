package io.poolrescue.workflows.core;

import io.poolrescue.signing.SignatureRefused;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.SshSignatures;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.workflows.api.CanonicalJson;
import io.poolrescue.workflows.api.StartSignature;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Who started the run, as the worker's policy accepts it: {@code requestedBy} is whoever signed the
 * start (the signature in the start's memo, by a key the policy lists for that name), or, where the
 * policy accepts unsigned starts, the typed name. From {@link Versions#BROWSER_SIGNING} on, the memo
 * may carry a WebAuthn assertion (the console's) instead of an SSH signature. A child of a procedure
 * starts under its parent's.
 */
final class StartRules {
  /** A signed start is used at once; an old one is not replayed to start the run again. */
  static final Duration MAX_AGE = Duration.ofMinutes(15);

  private StartRules() {}

  /**
   * Whether the start is accepted, and whose key signed it. The verdict is recorded (a side effect),
   * so a replay takes the same branch even where it runs under other ids, as a replay of an exported
   * history does.
   */
  static Verdict check(String procedure, Object request, String requestedBy, RunRules rules, int version) {
    StartSignature signed = Workflow.getMemo(StartSignature.MEMO, StartSignature.class, StartSignature.class);
    boolean child = Workflow.getInfo().getParentWorkflowId().isPresent();
    String workflowId = Workflow.getInfo().getWorkflowId();
    Instant now = RunStatusRecorder.now();
    return Workflow.sideEffect(Verdict.class, () -> {
      try {
        return new Verdict(verify(signed, child, workflowId, now, procedure, request, requestedBy, rules, version),
            null);
      } catch (StartRefused e) {
        return new Verdict(null, e.getMessage());
      }
    });
  }

  /** What the check found: the key that signed (null: unsigned), or why the start is refused (null: accepted). */
  record Verdict(String key, String refusal) {}

  private static String verify(StartSignature signed, boolean child, String workflowId, Instant now, String procedure,
      Object request, String requestedBy, RunRules rules, int version) {
    if (signed == null || !signed.signed()) {
      if (child || rules.unsignedStarts()) {
        return null;
      }
      throw new StartRefused("this worker's policy accepts signed starts only: start it with poolrescue start ... "
          + "--key FILE (the memo " + StartSignature.MEMO + " carries the signature)");
    }
    Instant signedAt;
    try {
      signedAt = Instant.parse(signed.signedAt() == null ? "" : signed.signedAt());
    } catch (DateTimeParseException e) {
      throw new StartRefused("the start signature's signedAt must be an ISO-8601 time, got '" + signed.signedAt() + "'");
    }
    if (signedAt.isBefore(now.minus(MAX_AGE)) || signedAt.isAfter(now.plus(DecisionRules.CLOCK_SKEW))) {
      throw new StartRefused("the start was signed at " + signedAt + ", not within " + MAX_AGE + " before it reached "
          + "the server (" + now + "): sign each start when you make it");
    }
    if (signed.webauthn() != null && version < Versions.BROWSER_SIGNING) {
      throw new StartRefused("this worker's runs of behaviour version " + version + " accept SSH-signed starts only");
    }
    byte[] text = SignedText.start(workflowId, procedure, requestedBy, signedAt,
        CanonicalJson.of(request));
    try {
      if (signed.webauthn() != null) {
        return WebAuthnAssertions.verify(signed.webauthn(), text, requestedBy.strip(), rules.credentials(), 0)
            .credential().fingerprint();
      }
      return SshSignatures.verify(signed.signature(), text, SignedText.NAMESPACE, requestedBy.strip(),
          rules.signers(), now).keyFingerprint();
    } catch (SignatureRefused e) {
      throw new StartRefused("the start signature is refused (" + e.reason() + "): " + e.getMessage()
          + "; it must sign this workflow id, procedure, requestedBy and request (docs/signatures.md)");
    }
  }

  /** Why {@code verify} does not accept the start; becomes the verdict's refusal. */
  private static final class StartRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartRefused(String message) {
      super(message);
    }
  }
}
