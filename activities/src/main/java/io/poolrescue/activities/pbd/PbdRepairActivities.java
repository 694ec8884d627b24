package io.poolrescue.activities.pbd;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** Making shared SRs reachable again after a restore: PBDs recreated with new device configs, SR repair. */
@ActivityInterface(namePrefix = "Pbd")
public interface PbdRepairActivities {

  /**
   * For each shared SR given and each live host: what it takes for that host to reach the SR with the
   * new device config. Nothing is changed; unknown or local SRs and passwords in configs are refused.
   */
  @ActivityMethod
  PbdRepairPlan planPbdRepairs(String masterAddress, Map<String, Map<String, String>> deviceConfigs);

  /**
   * Brings one (SR, host) PBD to the new device config, attached: unplug and destroy an old one,
   * create, plug. Each step is skipped when already done, so a repeat changes nothing.
   */
  @ActivityMethod
  PbdRepair recreatePbd(String masterAddress, String srUuid, String hostUuid, Map<String, String> deviceConfig);

  /** Creates missing PBDs on live hosts (config copied) and plugs every unplugged one of these shared SRs. */
  @ActivityMethod
  List<SrRepairResult> repairSrs(String masterAddress, List<String> srUuids);
}
