package io.poolrescue.activities.fence;

import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.BmcPower;
import io.poolrescue.pool.fence.BmcReading;
import io.poolrescue.pool.fence.HostFencing;

/**
 * Checked by every dangerous activity right before its pool call on a host the run assumes is off:
 * the host's BMC must say Off now. Only for a run that two people attested (and a worker that
 * accepts attestations) may an unreadable BMC do, and then nothing may answer at the host's address.
 * XAPI itself would let the call through for a host whose agent merely does not answer.
 */
public final class FenceGuard {
  /** Failure type: the host is not known to be off; nothing was done. */
  public static final String HOST_NOT_FENCED = "HOST_NOT_FENCED";

  private final HostFencing fencing;
  private final boolean attestationAllowed;
  private final PoolConnector connector;

  public FenceGuard(HostFencing fencing, boolean attestationAllowed, PoolConnector connector) {
    this.fencing = fencing;
    this.attestationAllowed = attestationAllowed;
    this.connector = connector;
  }

  /**
   * @param address the host's management address, probed when the run is attested; null when unknown
   * @param attested the run goes on a two-person attestation instead of a BMC
   * @param what the call about to be made, for the refusal's message
   */
  public void requireOff(String hostUuid, String address, boolean attested, String what) {
    BmcReading bmc = fencing.powerState(hostUuid);
    if (bmc.off()) {
      return;
    }
    if (bmc.power() == BmcPower.ON) {
      throw XapiFailures.refused(HOST_NOT_FENCED, what + " not done: the BMC of host " + hostUuid + " (" + bmc.bmc()
          + ") says it is On");
    }
    if (!attested || !attestationAllowed) {
      throw XapiFailures.refused(HOST_NOT_FENCED, what + " not done: host " + hostUuid + " cannot be fenced ("
          + bmc.reason() + ")" + (attested ? " and this worker does not accept attestations" : ""));
    }
    if (address != null) {
      HostProbe probe = InspectionActivitiesImpl.probe(connector, address);
      if (probe.answers()) {
        throw XapiFailures.refused(HOST_NOT_FENCED, what + " not done: host " + hostUuid
            + " was attested off but something answers at " + address + " (" + probe + ")");
      }
    }
  }
}
