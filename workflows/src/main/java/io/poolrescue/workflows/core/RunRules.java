package io.poolrescue.workflows.core;

import io.poolrescue.activities.policy.GateRule;
import io.poolrescue.activities.policy.RunPolicy;
import io.poolrescue.signing.AllowedSigners;
import io.poolrescue.signing.Names;
import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import io.poolrescue.workflows.api.ApprovalPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approval rules of one run. Before {@link Versions#AUTHORITY} they were the request's own;
 * since, they are the worker's policy (recorded at run start) made stricter, never looser, by the
 * request: a higher quorum, fewer approvers, shorter waits. Four eyes always.
 */
final class RunRules {
  private final RunPolicy worker;
  private final ApprovalPolicy requested;
  /** The request gave no approvals object: the policy's waits apply as they are. */
  private final boolean requestedNothing;
  private final AllowedSigners signers;
  private final WebAuthnCredentials credentials;

  private RunRules(RunPolicy worker, ApprovalPolicy requested) {
    this.worker = worker;
    this.requested = ApprovalPolicy.orDefaults(requested);
    this.requestedNothing = requested == null;
    this.signers = worker == null ? null : AllowedSigners.parse(worker.allowedSigners());
    this.credentials = WebAuthnCredentials.parseOrNone(worker == null ? "" : worker.webauthnCredentials());
  }

  /** The rules as runs before the worker's policy had them: the request decides. */
  static RunRules ofRequest(ApprovalPolicy requested) {
    return new RunRules(null, requested);
  }

  static RunRules of(RunPolicy worker, ApprovalPolicy requested) {
    return new RunRules(worker, requested);
  }

  AllowedSigners signers() {
    return signers;
  }

  /** The console's credentials the policy lists (none for runs before browser signing). */
  WebAuthnCredentials credentials() {
    return credentials;
  }

  boolean unsignedDecisions() {
    return worker == null || worker.unsignedDecisions();
  }

  boolean unsignedStarts() {
    return worker == null || worker.unsignedStarts();
  }

  /** What a gate with this id (asked with at least {@code minApprovals}) needs. */
  GateRules of(String gateId, int minApprovals) {
    if (worker == null) {
      return new GateRules(Math.max(requested.quorum(), minApprovals), requested.approvers(), Map.of(),
          requested.allowStarterApproval(), requested.remindAfter(), requested.expireAfter());
    }
    GateRule rule = worker.ruleOf(gateId);
    Map<String, List<String>> groups = new LinkedHashMap<>();
    rule.groups().forEach(g -> groups.put(g, worker.groups().get(g)));
    int quorum = Math.max(Math.max(rule.quorum(), requested.quorum()), Math.max(minApprovals, groups.size()));
    return new GateRules(quorum, narrowed(rule.approvers()), groups, false,
        requestedNothing ? rule.remindAfter() : min(rule.remindAfter(), requested.remindAfter()),
        requestedNothing ? rule.expireAfter() : min(rule.expireAfter(), requested.expireAfter()));
  }

  /** Why the request is looser than the worker's policy, or null when it only tightens it. */
  String loosening() {
    if (worker == null) {
      return null;
    }
    if (requested.allowStarterApproval()) {
      return "approvals.allowStarterApproval cannot be set: whoever starts a run never approves it (four eyes)";
    }
    List<GateRule> rules = new ArrayList<>(worker.gates().values());
    rules.add(worker.rule());
    for (GateRule rule : rules) {
      List<String> outside = requested.approvers().stream().filter(a -> !rule.approvers().isEmpty()
          && rule.approvers().stream().noneMatch(p -> Names.same(p, a))).toList();
      if (!outside.isEmpty()) {
        return "approvals.approvers " + outside + " are not approvers the worker's policy allows (" + worker.source()
            + ": " + rule.approvers() + "); a request may only narrow that list";
      }
    }
    return null;
  }

  /** The policy's approvers, narrowed to the request's list when it gives one. */
  private List<String> narrowed(List<String> policy) {
    if (requested.approvers().isEmpty()) {
      return policy;
    }
    return requested.approvers().stream()
        .filter(a -> policy.isEmpty() || policy.stream().anyMatch(p -> Names.same(p, a))).toList();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
