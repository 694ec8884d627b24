package io.poolrescue.activities.host;

import io.poolrescue.activities.approval.ApprovalProof;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Changes to pool membership. */
@ActivityInterface(namePrefix = "Host")
public interface HostActivities {

  /**
   * {@code host.destroy} ({@code xe host-forget}). Refuses a host the master thinks live
   * ({@code HOST_IS_LIVE}) and a host that is not fenced ({@code HOST_NOT_FENCED}: its BMC does not
   * say Off, unless {@code attested} and nothing answers at its address); a host already gone is not
   * an error.
   */
  @ActivityMethod
  ForgetResult forgetHost(String poolAddress, String hostUuid, boolean attested, ApprovalProof approval);

  /** {@code pool.join} called on the host at {@code hostAddress}; a host already following that master is left alone. */
  @ActivityMethod
  JoinResult joinPool(String hostAddress, String masterAddress);
}
