package io.poolrescue.workflows.core;

import io.poolrescue.signing.Names;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one gate needs, resolved for the run: the quorum, who may decide (empty: anyone the
 * signature rules accept), the groups that must each count an approver, and how long it waits.
 */
record GateRules(int quorum, List<String> approvers, Map<String, List<String>> groups, boolean starterMayApprove,
    Duration remindAfter, Duration expireAfter) {

  GateRules {
    approvers = List.copyOf(approvers);
    groups = Map.copyOf(groups);
  }

  boolean allows(String approver) {
    return approvers.isEmpty() || approvers.stream().anyMatch(a -> Names.same(a, approver));
  }

  /** The groups none of these approvers belongs to yet, by name. */
  List<String> groupsMissing(List<String> approvedBy) {
    return groups.entrySet().stream()
        .filter(g -> approvedBy.stream().noneMatch(a -> g.getValue().stream().anyMatch(m -> Names.same(m, a))))
        .map(Map.Entry::getKey).sorted().toList();
  }
}
