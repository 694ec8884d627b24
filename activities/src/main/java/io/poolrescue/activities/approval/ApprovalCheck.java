package io.poolrescue.activities.approval;

import io.poolrescue.activities.policy.GateRule;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.RunPolicy;
import io.poolrescue.signing.AllowedSigners;
import io.poolrescue.signing.Names;
import io.poolrescue.signing.SignatureRefused;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.SshSignatures;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The second check of every pool-changing call: the approval it carries must be for this gate, this
 * run and these objects, and must meet the worker's policy as it is now (quorum, approvers, groups,
 * never the starter, one vote per person and key, signatures where the policy wants them). The
 * workflow's gate is the first check; this one holds even against a workflow task that did not come
 * from the real workflow code.
 */
public final class ApprovalCheck {
  /** Failure type: the call does not rest on an approved gate the worker's policy accepts; nothing was done. */
  public static final String APPROVAL_REFUSED = "APPROVAL_REFUSED";
  /** The workflow type of the batch children a procedure fans VM resets out to, under its own approval. */
  static final String BATCH_TYPE = "VmBatch";

  private final Supplier<PolicyFile> policy;
  private final CallingRun calling;

  public ApprovalCheck(Supplier<PolicyFile> policy) {
    this(policy, CallingRun.TEMPORAL);
  }

  public ApprovalCheck(Supplier<PolicyFile> policy, CallingRun calling) {
    this.policy = policy;
    this.calling = calling;
  }

  /** Refuses (non-retryable {@value #APPROVAL_REFUSED}) unless {@code proof} approves {@code gate} on {@code actsOn}. */
  public void require(ApprovalProof proof, String gate, Collection<String> actsOn) {
    CallingRun.Call call = calling.now();
    String problem = problem(proof, gate, actsOn, call);
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure("no approved gate " + gate + " for this call, nothing done: "
          + problem, APPROVAL_REFUSED);
    }
  }

  /** Why the proof does not allow the call, or null. Pure apart from reading the policy. */
  String problem(ApprovalProof proof, String gate, Collection<String> actsOn, CallingRun.Call call) {
    if (proof == null) {
      return "the call carries no approval";
    }
    if (!gate.equals(proof.gate())) {
      return "the approval is for gate " + proof.gateId();
    }
    // a batch child acts under its parent's approval: its id is the parent's, then "/"
    boolean sameRun = call.workflowId().equals(proof.workflowId()) && call.runId().equals(proof.runId());
    boolean batchOfTheRun = BATCH_TYPE.equals(call.workflowType())
        && call.workflowId().startsWith(proof.workflowId() + "/");
    if (!sameRun && !batchOfTheRun) {
      return "the approval was given in run " + proof.workflowId() + "/" + proof.runId() + ", not in this one";
    }
    List<String> outside = actsOn.stream().filter(t -> !proof.targets().contains(t)).toList();
    if (!outside.isEmpty()) {
      return "the gate did not name " + outside;
    }
    RunPolicy rules = policy.get().resolve(proof.procedure());
    return approvals(proof, rules, rules.ruleOf(proof.gateId()));
  }

  private String approvals(ApprovalProof proof, RunPolicy rules, GateRule rule) {
    AllowedSigners signers = AllowedSigners.parse(rules.allowedSigners());
    WebAuthnCredentials credentials = WebAuthnCredentials.parseOrNone(rules.webauthnCredentials());
    List<String> people = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (SignedDecision d : proof.decisions()) {
      if (!"APPROVE".equals(d.decision())) {
        return "the gate holds a " + d.decision() + " by " + d.approver();
      }
      if (Names.same(d.approver(), proof.requestedBy())) {
        return d.approver() + " started the run and cannot approve it";
      }
      if (!rule.approvers().isEmpty() && rule.approvers().stream().noneMatch(a -> Names.same(a, d.approver()))) {
        return d.approver() + " is not an approver the worker's policy allows " + rule.approvers();
      }
      if (people.stream().anyMatch(p -> Names.same(p, d.approver()))) {
        return d.approver() + " approved twice";
      }
      if (d.signed()) {
        String key;
        try {
          key = verify(proof, d, signers, credentials);
        } catch (SignatureRefused | DateTimeParseException e) {
          return "the approval of " + d.approver() + " does not verify: " + e.getMessage();
        }
        if (!keys.add(key)) {
          return "key " + key + " approved twice";
        }
      } else if (!rules.unsignedDecisions()) {
        return "the approval of " + d.approver() + " is unsigned and the worker's policy accepts signed ones only";
      }
      people.add(d.approver());
    }
    if (people.size() < rule.quorum()) {
      return people.size() + " approval(s); the worker's policy wants " + rule.quorum();
    }
    List<String> missing = rule.groups().stream().filter(g -> people.stream()
        .noneMatch(p -> rules.groups().getOrDefault(g, List.of()).stream().anyMatch(m -> Names.same(m, p)))).toList();
    return missing.isEmpty() ? null : "no approver from group(s) " + missing;
  }

  /**
   * The signer's key. A WebAuthn counter is not compared here: the workflow's gate compared it when
   * the decision came; this check proves again who signed what.
   */
  private static String verify(ApprovalProof proof, SignedDecision d, AllowedSigners signers,
      WebAuthnCredentials credentials) {
    Instant at = Instant.parse(d.signedAt() == null ? "" : d.signedAt());
    byte[] text = SignedText.decision(proof.workflowId(), proof.runId(), proof.requestedBy(), proof.gateId(),
        proof.fingerprint(), proof.targets(), d.decision(), d.approver(), at, d.reason());
    if (d.webauthn() != null) {
      return WebAuthnAssertions.verify(d.webauthn(), text, d.approver().strip(), credentials, 0)
          .credential().fingerprint();
    }
    return SshSignatures.verify(d.signature(), text, SignedText.NAMESPACE, d.approver().strip(), signers, at)
        .keyFingerprint();
  }
}
