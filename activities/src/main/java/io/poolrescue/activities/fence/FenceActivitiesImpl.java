package io.poolrescue.activities.fence;

import io.poolrescue.activities.Heartbeats;
import io.poolrescue.pool.fence.BmcReading;
import io.poolrescue.pool.fence.FenceRefusedException;
import io.poolrescue.pool.fence.HostFencing;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class FenceActivitiesImpl implements FenceActivities {
  private static final Logger log = LoggerFactory.getLogger(FenceActivitiesImpl.class);
  /** BMCs take seconds to a minute to report Off after ForceOff. */
  static final Duration OFF_WITHIN = Duration.ofMinutes(2);

  private final HostFencing fencing;
  private final boolean attestationAllowed;

  public FenceActivitiesImpl(HostFencing fencing, boolean attestationAllowed) {
    this.fencing = fencing;
    this.attestationAllowed = attestationAllowed;
  }

  @Override
  public BmcEvidence powerState(String hostUuid) {
    return BmcEvidence.of(hostUuid, fencing.powerState(hostUuid), false);
  }

  @Override
  public BmcEvidence forceOff(String hostUuid) {
    BmcReading before = fencing.powerState(hostUuid);
    if (before.off()) {
      return BmcEvidence.of(hostUuid, before, false); // a retry after the machine went off does nothing
    }
    Heartbeats.beat("ForceOff " + hostUuid);
    try {
      BmcReading after = fencing.forceOff(hostUuid, OFF_WITHIN);
      log.warn("host {} forced off through {}: the BMC now {}", hostUuid, after.bmc(), after.power());
      return BmcEvidence.of(hostUuid, after, after.off());
    } catch (FenceRefusedException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), BMC_REFUSED, hostUuid);
    }
  }

  @Override
  public boolean attestationAllowed() {
    return attestationAllowed;
  }
}
