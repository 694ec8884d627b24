package io.poolrescue.workflows.core;

import io.poolrescue.signing.Names;
import io.poolrescue.signing.SignatureRefused;
import io.poolrescue.signing.SshSignatures;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.signing.webauthn.WebAuthnCredential;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.signing.SignedText;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Who may decide at a gate under the worker's policy ({@link Versions#AUTHORITY} on): an allowed
 * approver, never the starter for an approval, one vote per person and per key, and a valid
 * signature of the decision's text by a key the policy lists for that name, unless the policy
 * accepts unsigned decisions. The signature is an SSH signature (the CLI's) or, from
 * {@link Versions#BROWSER_SIGNING} on, a WebAuthn assertion (the console's) by a credential the
 * policy lists for that name, whose counter grows. Pure: the same history gives the same answers on
 * replay.
 */
final class DecisionRules {
  /** Clocks disagree a little; a signature from further in the future than this is refused. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private DecisionRules() {}

  /** Refuses with a message saying what is wrong; returns the verified key's fingerprint, or null when unsigned. */
  static String check(OpenGate g, DecideRequest r, String requestedBy, RunRules rules, int version,
      SignCounts counts) {
    String who = r.approver().strip();
    if (!g.rules.allows(who)) {
      throw refused("approver '" + who + "' is not allowed to decide at gate " + g.id + "; allowed: "
          + g.rules.approvers() + " (the worker's policy, narrowed by the request)");
    }
    if (r.decision() == Decision.APPROVE && Names.same(who, requestedBy)) {
      throw refused("approver '" + who + "' started this run and may not approve it (four eyes; names are compared "
          + "trimmed, case- and width-insensitive)");
    }
    g.decisions.stream().filter(d -> Names.same(d.approver(), who)).findFirst().ifPresent(d -> {
      throw refused("'" + who + "' already decided on gate " + g.id + " as '" + d.approver() + "' (" + d.decision()
          + " at " + d.at() + "); one vote per person");
    });
    if (!r.signed()) {
      if (!rules.unsignedDecisions()) {
        throw refused("this worker's policy accepts signed decisions only: sign it (poolrescue approve|reject "
            + "--key FILE); the Temporal Web UI cannot sign");
      }
      return null;
    }
    if (r.webauthn() != null && version < Versions.BROWSER_SIGNING) {
      throw refused("this run started before browser signing (behaviour version " + version + "): it accepts SSH "
          + "signatures only (poolrescue approve|reject --key FILE)");
    }
    if (r.webauthn() != null && r.sshSigned()) {
      throw refused("a decision carries one signature, an SSH signature or a WebAuthn assertion, not both");
    }
    String key = Workflow.isReplaying() ? replayed(r) : verify(g, r, who, requestedBy, rules, counts);
    g.decisions.stream().filter(d -> key.equals(d.signerKey())).findFirst().ifPresent(d -> {
      throw refused("key " + key + " already decided on gate " + g.id + " as '" + d.approver()
          + "'; one vote per person, whatever the name");
    });
    return key;
  }

  /** The verified signer's key: an SSH key's SHA256 fingerprint, or {@code webauthn:} and the credential id. */
  private static String verify(OpenGate g, DecideRequest r, String who, String requestedBy, RunRules rules,
      SignCounts counts) {
    Instant signedAt;
    try {
      signedAt = Instant.parse(r.signedAt() == null ? "" : r.signedAt());
    } catch (DateTimeParseException e) {
      throw refused("signedAt must be the ISO-8601 time of the signature (e.g. 2026-12-01T22:15:03Z), got '"
          + r.signedAt() + "'");
    }
    Instant now = RunStatusRecorder.now();
    if (signedAt.isBefore(g.openedAt.minus(CLOCK_SKEW)) || signedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw refused("the signature's time " + signedAt + " is outside the gate's life (opened " + g.openedAt
          + ", now " + now + "): a signature is made for one gate, when it is open");
    }
    byte[] text = SignedText.decision(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId(), requestedBy,
        g.id, g.request.fingerprint(), g.request.targets(), r.decision().name(), r.approver(), signedAt, r.reason());
    try {
      if (r.webauthn() != null) {
        return WebAuthnAssertions.verify(r.webauthn(), text, who, rules.credentials(),
            counts.last(r.webauthn().credentialId())).credential().fingerprint();
      }
      return SshSignatures.verify(r.signature(), text, SignedText.NAMESPACE, who, rules.signers(), now)
          .keyFingerprint();
    } catch (SignatureRefused e) {
      throw refused("signature refused (" + e.reason() + "): " + e.getMessage() + "; it must sign this run's "
          + "text for gate " + g.id + " at fingerprint " + g.request.fingerprint() + " (docs/signatures.md)");
    }
  }

  /**
   * A replay re-runs the handler of a decision its validator accepted when it was made; the text it
   * verified names the run's ids, which a replay of an exported history does not have, so only the
   * key is read again here. The audit verifies every signature from the history's own records.
   */
  static String replayed(DecideRequest r) {
    if (r.webauthn() != null) {
      return WebAuthnCredential.fingerprintOf(r.webauthn().credentialId());
    }
    try {
      return SshSignatures.signerOf(r.signature()).fingerprint();
    } catch (SignatureRefused e) {
      throw refused("the recorded signature cannot be read (" + e.getMessage() + ")");
    }
  }

  private static IllegalArgumentException refused(String message) {
    return new IllegalArgumentException(message);
  }
}
