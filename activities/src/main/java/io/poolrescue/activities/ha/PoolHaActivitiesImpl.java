package io.poolrescue.activities.ha;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.model.PoolSnapshot;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class PoolHaActivitiesImpl implements PoolHaActivities {
  private static final Logger log = LoggerFactory.getLogger(PoolHaActivitiesImpl.class);
  private final PoolAccess pool;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  public PoolHaActivitiesImpl(PoolConnector connector, ApprovalCheck approvals) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
  }

  @Override
  public HaResult disableHa(String poolAddress, ApprovalProof approval) {
    approvals.require(approval, GateIds.DISABLE_HA, List.of());
    return pool.on(poolAddress, "disable HA", c -> {
      if (!c.snapshot().pool().haEnabled()) {
        return new HaResult(HaResult.Action.ALREADY_DISABLED, List.of(), "HA is already off");
      }
      c.disableHa();
      log.warn("HA disabled on the pool of {}", poolAddress);
      return new HaResult(HaResult.Action.DISABLED, List.of(), "pool.disable_ha");
    });
  }

  @Override
  public HaResult enableHa(String poolAddress, List<String> heartbeatSrUuids, Map<String, String> configuration,
      ApprovalProof approval) {
    approvals.require(approval, GateIds.ENABLE_HA, heartbeatSrUuids);
    if (heartbeatSrUuids == null || heartbeatSrUuids.isEmpty()) {
      throw XapiFailures.invalid("enable HA: at least one heartbeat SR is needed");
    }
    return pool.on(poolAddress, "enable HA on " + heartbeatSrUuids, c -> {
      PoolSnapshot s = c.snapshot();
      if (s.pool().haEnabled()) {
        return new HaResult(HaResult.Action.ALREADY_ENABLED, heartbeatSrUuids, "HA is already on");
      }
      c.enableHa(heartbeatSrUuids, configuration == null ? Map.of() : configuration);
      log.info("HA enabled on the pool of {} with heartbeat SRs {}", poolAddress, heartbeatSrUuids);
      return new HaResult(HaResult.Action.ENABLED, heartbeatSrUuids, "pool.enable_ha");
    });
  }
}
