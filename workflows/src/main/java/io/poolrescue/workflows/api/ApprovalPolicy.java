package io.poolrescue.workflows.api;

import java.time.Duration;
import java.util.List;

/**
 * Who may approve the run's dangerous steps and how long a gate waits.
 *
 * @param approvers identities allowed to decide; empty means anyone
 * @param quorum approvals a gate needs (a single rejection closes it)
 * @param allowStarterApproval four-eyes off: the identity that started the run may approve
 * @param remindAfter a reminder is recorded (and logged) when a gate has waited this long
 * @param expireAfter the gate expires and the run stops safely; never an automatic approval
 */
public record ApprovalPolicy(
    List<String> approvers, int quorum, boolean allowStarterApproval, Duration remindAfter, Duration expireAfter) {

  public static final Duration DEFAULT_REMIND = Duration.ofMinutes(15);
  public static final Duration DEFAULT_EXPIRE = Duration.ofHours(4);

  public ApprovalPolicy {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    quorum = quorum <= 0 ? 1 : quorum;
    remindAfter = remindAfter == null ? DEFAULT_REMIND : remindAfter;
    expireAfter = expireAfter == null ? DEFAULT_EXPIRE : expireAfter;
  }

  public static ApprovalPolicy defaults() {
    return new ApprovalPolicy(List.of(), 1, false, null, null);
  }

  /** A request that omits the policy gets the defaults. */
  public static ApprovalPolicy orDefaults(ApprovalPolicy p) {
    return p == null ? defaults() : p;
  }
}
