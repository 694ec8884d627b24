package io.poolrescue.workflows.api;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Start of a {@code MemberFailureRecovery}, e.g.
 * {@code {"poolAddress":"10.0.0.1","hostUuid":"…","mode":"FORGET","requestedBy":"alice"}}.
 *
 * @param poolAddress the pool master's address (credentials come from the worker's configuration)
 * @param mode REPAIR waits for the host to come back; FORGET removes it and restarts its VMs elsewhere
 * @param maxParallel VM resets/starts in flight at once (default 8)
 * @param formerPoolMaster the host was the pool master when it failed (set by MasterFailureRecovery for
 *     the old master): its VDI locks on shared SRs are then released with the SR-master flag
 */
public record MemberFailureRequest(
    String poolAddress, String hostUuid, Mode mode, String requestedBy, ApprovalPolicy approvals, int maxParallel,
    boolean formerPoolMaster) {

  /** JSON (the Web UI, the CLI) binds here; an absent {@code formerPoolMaster} is false. */
  @JsonCreator
  public MemberFailureRequest {}

  /** The request as people write it: a member that was never the master. */
  public MemberFailureRequest(
      String poolAddress, String hostUuid, Mode mode, String requestedBy, ApprovalPolicy approvals, int maxParallel) {
    this(poolAddress, hostUuid, mode, requestedBy, approvals, maxParallel, false);
  }

  public enum Mode {
    REPAIR,
    FORGET
  }
}
