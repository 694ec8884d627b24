package io.poolrescue.workflows.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a procedure asks people to approve.
 *
 * @param id base gate id, e.g. {@code forget-host}; a gate asked again gets {@code forget-host#2}
 * @param step the procedure step it guards
 * @param action one sentence naming the call and the objects, e.g. "Forget host 5f.. (h3) with host.destroy"
 * @param targets uuids the action touches
 * @param why why the step is needed
 * @param evidence the facts to check before approving, in display order
 * @param fingerprint digest of the pool state the request was computed from
 * @param minApprovals approvals this gate needs at least, whatever the policy says (0: the policy's quorum)
 */
public record GateRequest(
    String id, String step, String action, List<String> targets, String why, Map<String, String> evidence,
    String fingerprint, int minApprovals) {

  public GateRequest {
    targets = List.copyOf(targets);
    evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  public GateRequest(String id, String step, String action, List<String> targets, String why,
      Map<String, String> evidence, String fingerprint) {
    this(id, step, action, targets, why, evidence, fingerprint, 0);
  }
}
