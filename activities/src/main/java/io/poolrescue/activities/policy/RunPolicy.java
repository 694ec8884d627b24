package io.poolrescue.activities.policy;

import java.util.List;
import java.util.Map;

/**
 * The policy one run decides under, read from the worker when the run starts and recorded in its
 * history: every field resolved, nothing left to inherit. The run's validators read only this.
 *
 * @param source where it came from: the policy file's path, or {@code built-in}
 * @param sha256 SHA-256 of the policy file's bytes (of the built-in policy's text without a file)
 * @param procedure the workflow type it was resolved for
 * @param rule every gate's rule unless {@code gates} has one for its base id
 * @param gates rules by gate base id, already merged over {@code rule}
 * @param groups the members of every group a rule names
 * @param allowedSigners the OpenSSH allowed_signers text signatures are checked against ("" when none)
 * @param standbySite a run may be moved to its pool's standby site behind a gate (false in policies
 *     recorded before standby sites)
 * @param webauthnCredentials the console's WebAuthn credentials file's text, assertions are checked
 *     against ("" when none, and in policies recorded before browser signing)
 */
public record RunPolicy(String source, String sha256, String procedure, GateRule rule, Map<String, GateRule> gates,
    Map<String, List<String>> groups, boolean unsignedDecisions, boolean unsignedStarts, String allowedSigners,
    String allowedSignersSha256, boolean unfencedAttestation, boolean standbySite, String webauthnCredentials,
    String webauthnCredentialsSha256) {

  public RunPolicy {
    gates = gates == null ? Map.of() : Map.copyOf(gates);
    groups = groups == null ? Map.of() : Map.copyOf(groups);
    allowedSigners = allowedSigners == null ? "" : allowedSigners;
    webauthnCredentials = webauthnCredentials == null ? "" : webauthnCredentials;
  }

  /** The rule of a gate, by its id ({@code forget-host#2} is asked under {@code forget-host}'s rule). */
  public GateRule ruleOf(String gateId) {
    int hash = gateId.indexOf('#');
    return gates.getOrDefault(hash < 0 ? gateId : gateId.substring(0, hash), rule);
  }
}
