package io.poolrescue.workflows.api;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Start of a {@code MemberFailureRecovery}, e.g.
 * {@code {"poolAddress":"10.0.0.1","hostUuid":"…","mode":"FORGET","requestedBy":"alice"}}.
 *
 * @param poolAddress the pool master's address (credentials come from the worker's configuration)
 * @param mode REPAIR waits for the host to come back; FORGET removes it and restarts its VMs elsewhere
 * @param maxParallel VM resets in flight at once (default 8); also caps the VM starts in flight (default: none
 *     beyond each host's start slots)
 * @param formerPoolMaster the host was the pool master when it failed (set by MasterFailureRecovery for
 *     the old master): its VDI locks on shared SRs are then released with the SR-master flag
 * @param carried set by a REPAIR run that continues as new (see {@link RepairCarry}); null in a start
 */
public record MemberFailureRequest(
    String poolAddress, String hostUuid, Mode mode, String requestedBy, ApprovalPolicy approvals, int maxParallel,
    boolean formerPoolMaster, RepairCarry carried) {

  /** JSON (the Web UI, the CLI) binds here; an absent {@code formerPoolMaster} is false. */
  @JsonCreator
  public MemberFailureRequest {}

  /** A start (nothing carried). */
  public MemberFailureRequest(
      String poolAddress, String hostUuid, Mode mode, String requestedBy, ApprovalPolicy approvals, int maxParallel,
      boolean formerPoolMaster) {
    this(poolAddress, hostUuid, mode, requestedBy, approvals, maxParallel, formerPoolMaster, null);
  }

  /** The request as people write it: a member that was never the master. */
  public MemberFailureRequest(
      String poolAddress, String hostUuid, Mode mode, String requestedBy, ApprovalPolicy approvals, int maxParallel) {
    this(poolAddress, hostUuid, mode, requestedBy, approvals, maxParallel, false);
  }

  /** The same request for the next run of a REPAIR chain. */
  public MemberFailureRequest carrying(RepairCarry c) {
    return new MemberFailureRequest(poolAddress, hostUuid, mode, requestedBy, approvals, maxParallel,
        formerPoolMaster, c);
  }

  public enum Mode {
    REPAIR,
    FORGET
  }
}
