package io.poolrescue.activities.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The approval policy file of a worker, as written (see docs/approval-policy.md). A request can
 * only make it stricter; the four-eyes rule is not a setting.
 *
 * @param defaults the rule of every gate no procedure or gate entry overrides
 * @param groups named sets of people, used by {@link GateRule#groups()}
 * @param procedures per workflow type, e.g. {@code MemberFailureRecovery}
 * @param unfencedAttestation two people may attest a host off where no BMC can tell (runs are UNFENCED)
 * @param standbySite a run whose pool's site has no worker may be moved to the pool's standby site
 *     (the inventory's {@code standbySite}), behind the gate {@code move-to-standby-site}; absent: no
 */
public record WorkerPolicy(GateRule defaults, Map<String, List<String>> groups,
    Map<String, ProcedurePolicy> procedures, SignaturePolicy signatures, Boolean unfencedAttestation,
    Boolean standbySite) {

  /** The same policy with attestation as the worker's flag says (the file left it out). */
  public WorkerPolicy withUnfencedAttestation(boolean allowed) {
    return new WorkerPolicy(defaults, groups, procedures, signatures, allowed, standbySite);
  }

  /** What a gate needs when nothing says otherwise. */
  public static final GateRule BUILT_IN_RULE =
      new GateRule(1, List.of(), List.of(), Duration.ofMinutes(15), Duration.ofHours(4));

  public WorkerPolicy {
    groups = groups == null ? Map.of() : Map.copyOf(groups);
    procedures = procedures == null ? Map.of() : Map.copyOf(procedures);
    signatures = signatures == null ? SignaturePolicy.unsignedAccepted() : signatures;
  }

  /**
   * A worker started without a policy file: one approval from anyone but the starter, unsigned
   * decisions and starts accepted (the Web UI works), attestation as the worker's flag says.
   */
  public static WorkerPolicy builtIn(boolean unfencedAttestation) {
    return new WorkerPolicy(BUILT_IN_RULE, Map.of(), Map.of(), SignaturePolicy.unsignedAccepted(),
        unfencedAttestation, false);
  }
}
