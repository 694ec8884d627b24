package io.poolrescue.activities.fence;

import io.poolrescue.activities.approval.ApprovalProof;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A host's power as its BMC reports it, and a forced power-off through it. The BMCs and their
 * credentials come from the worker's inventory; a request only names the host.
 */
@ActivityInterface(namePrefix = "Fence")
public interface FenceActivities {
  /** Failure type: the BMC refused the forced power-off or does not offer it. */
  String BMC_REFUSED = "BMC_REFUSED";

  /** What the host's BMC says now; UNKNOWN (with the reason) when there is no BMC or it cannot tell. */
  @ActivityMethod
  BmcEvidence powerState(String hostUuid);

  /**
   * Powers the machine off through its BMC when the BMC says it is on, and waits until the BMC says
   * Off (bounded); a machine already off is left alone. Returns the BMC's last answer.
   */
  @ActivityMethod
  BmcEvidence forceOff(String hostUuid, ApprovalProof approval);

  /** Whether the worker's configuration accepts a two-person attestation in place of a BMC. */
  @ActivityMethod
  boolean attestationAllowed();
}
