package io.poolrescue.workflows.api;

/**
 * Start of a {@code MemberFailureRecovery}, e.g.
 * {@code {"poolAddress":"10.0.0.1","hostUuid":"…","mode":"FORGET","requestedBy":"alice"}}.
 *
 * @param poolAddress the pool master's address (credentials come from the worker's configuration)
 * @param mode REPAIR waits for the host to come back; FORGET removes it and restarts its VMs elsewhere
 * @param maxParallel VM resets/starts in flight at once (default 8)
 */
public record MemberFailureRequest(
    String poolAddress, String hostUuid, Mode mode, String requestedBy, ApprovalPolicy approvals, int maxParallel) {

  public enum Mode {
    REPAIR,
    FORGET
  }
}
