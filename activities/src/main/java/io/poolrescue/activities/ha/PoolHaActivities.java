package io.poolrescue.activities.ha;

import io.poolrescue.activities.approval.ApprovalProof;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** High availability on and off; XAPI refuses to forget a host while it is on. */
@ActivityInterface(namePrefix = "Ha")
public interface PoolHaActivities {

  /** {@code pool.disable_ha}, unless already off. */
  @ActivityMethod
  HaResult disableHa(String poolAddress, ApprovalProof approval);

  /** {@code pool.enable_ha(heartbeat SRs, configuration)}, unless already on. */
  @ActivityMethod
  HaResult enableHa(String poolAddress, List<String> heartbeatSrUuids, Map<String, String> configuration,
      ApprovalProof approval);
}
