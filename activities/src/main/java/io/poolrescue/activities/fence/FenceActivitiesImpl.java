package io.poolrescue.activities.fence;

import io.poolrescue.activities.Heartbeats;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.pool.fence.BmcPower;
import io.poolrescue.pool.fence.BmcReading;
import io.poolrescue.pool.fence.FenceRefusedException;
import io.poolrescue.pool.fence.HostFencing;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class FenceActivitiesImpl implements FenceActivities {
  private static final Logger log = LoggerFactory.getLogger(FenceActivitiesImpl.class);
  /** The agent's own wait for Off right after the ForceOff; the rest of the wait heartbeats here. */
  static final Duration FIRST_LOOK = Duration.ofSeconds(5);
  static final Duration POLL = Duration.ofSeconds(2);

  private final HostFencing fencing;
  private final boolean attestationAllowed;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  public FenceActivitiesImpl(HostFencing fencing, boolean attestationAllowed, ApprovalCheck approvals) {
    this.approvals = approvals;
    this.fencing = fencing;
    this.attestationAllowed = attestationAllowed;
  }

  @Override
  public BmcEvidence powerState(String hostUuid) {
    return BmcEvidence.of(hostUuid, fencing.powerState(hostUuid), false);
  }

  @Override
  public BmcEvidence forceOff(String hostUuid, ApprovalProof approval) {
    approvals.require(approval, GateIds.FENCE_HOST, List.of(hostUuid));
    BmcReading before = fencing.powerState(hostUuid);
    if (before.off()) {
      return BmcEvidence.of(hostUuid, before, false); // a retry after the machine went off does nothing
    }
    if (before.power() == BmcPower.UNKNOWN) {
      return BmcEvidence.of(hostUuid, before, false); // nothing to send a ForceOff to: the run stops on it
    }
    Heartbeats.beat("ForceOff " + hostUuid);
    BmcReading after;
    try {
      after = fencing.forceOff(hostUuid, FIRST_LOOK);
    } catch (FenceRefusedException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), BMC_REFUSED, hostUuid);
    }
    long deadline = System.nanoTime() + fencing.offWithin().toNanos();
    while (!after.off() && System.nanoTime() < deadline) {
      Heartbeats.beat("waiting for Off: " + after.power());
      sleep(POLL);
      after = fencing.powerState(hostUuid);
    }
    log.warn("host {} forced off through {}: the BMC now says {}", hostUuid, after.bmc(), after.power());
    return BmcEvidence.of(hostUuid, after, after.off());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for the BMC", "INTERRUPTED");
    }
  }

  @Override
  public boolean attestationAllowed() {
    return attestationAllowed;
  }
}
