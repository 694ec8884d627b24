package io.poolrescue.activities.policy;

import io.poolrescue.pool.model.BackupArtefact;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy as loaded: its rules, where they came from and their digests, the allowed signers' text
 * and the WebAuthn credentials' text ("" when the policy names none).
 */
public record PolicyFile(WorkerPolicy policy, String source, String sha256, String allowedSigners,
    String allowedSignersSha256, String webauthnCredentials, String webauthnCredentialsSha256) {

  public static final String BUILT_IN = "built-in";

  public static PolicyFile builtIn(boolean unfencedAttestation) {
    WorkerPolicy p = WorkerPolicy.builtIn(unfencedAttestation);
    return new PolicyFile(p, BUILT_IN, BackupArtefact.sha256(p.toString().getBytes(StandardCharsets.UTF_8)), "",
        BackupArtefact.sha256(new byte[0]), "", BackupArtefact.sha256(new byte[0]));
  }

  /** Resolves the rules of one procedure, so the run records exactly what it will apply. */
  public RunPolicy resolve(String procedure) {
    ProcedurePolicy proc = policy.procedures().get(procedure);
    GateRule defaults = policy.defaults() == null ? WorkerPolicy.BUILT_IN_RULE
        : policy.defaults().over(WorkerPolicy.BUILT_IN_RULE);
    GateRule rule = proc == null || proc.rule() == null ? defaults : proc.rule().over(defaults);
    Map<String, GateRule> gates = new HashMap<>();
    if (proc != null) {
      proc.gates().forEach((gate, r) -> gates.put(gate, r.over(rule)));
    }
    Map<String, List<String>> groups = new HashMap<>();
    gates.values().stream().map(GateRule::groups).flatMap(List::stream)
        .forEach(g -> groups.put(g, policy.groups().get(g)));
    rule.groups().forEach(g -> groups.put(g, policy.groups().get(g)));
    SignaturePolicy s = policy.signatures();
    return new RunPolicy(source, sha256, procedure, rule, gates, groups, s.unsignedDecisions(), s.unsignedStarts(),
        allowedSigners, allowedSignersSha256, Boolean.TRUE.equals(policy.unfencedAttestation()),
        Boolean.TRUE.equals(policy.standbySite()), webauthnCredentials, webauthnCredentialsSha256);
  }
}
