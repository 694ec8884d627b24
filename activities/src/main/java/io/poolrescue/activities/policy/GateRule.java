package io.poolrescue.activities.policy;

import java.time.Duration;
import java.util.List;

/**
 * The approval rule of one procedure or gate in the worker's policy file. An absent field inherits
 * from the level above (gate → procedure → defaults → built-in).
 *
 * @param quorum approvals a gate needs at least
 * @param approvers who may decide; empty means anyone the signature rules accept
 * @param groups group names of which each must count at least one approver among the approvals
 *     (e.g. one from storage and one from virtualization)
 * @param remindAfter the longest a gate waits before a reminder
 * @param expireAfter the longest a gate waits before it expires (never an approval)
 */
public record GateRule(Integer quorum, List<String> approvers, List<String> groups, Duration remindAfter,
    Duration expireAfter) {

  public GateRule {
    approvers = approvers == null ? null : List.copyOf(approvers);
    groups = groups == null ? null : List.copyOf(groups);
  }

  /** This rule's fields where set, {@code parent}'s elsewhere. */
  public GateRule over(GateRule parent) {
    if (parent == null) {
      return this;
    }
    return new GateRule(quorum != null ? quorum : parent.quorum, approvers != null ? approvers : parent.approvers,
        groups != null ? groups : parent.groups, remindAfter != null ? remindAfter : parent.remindAfter,
        expireAfter != null ? expireAfter : parent.expireAfter);
  }
}
