package io.poolrescue.activities.storage;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.host.HostActivities;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** VDI locks, PBDs and the pool's default SR. */
@ActivityInterface(namePrefix = "Storage")
public interface StorageActivities {

  /**
   * What {@code resetvdis.py HOST SR [--master]} does: remove the dead host's {@code host_<ref>} SM
   * locks from the SR's VDIs, and {@code paused} too when {@code srMaster} (the host was the SR's
   * master: pool master for a shared SR, owner of a local SR). Needs the host record, so it runs
   * before the host is forgotten. Refuses a live host ({@code HOST_IS_LIVE}) and one that is not
   * fenced ({@code HOST_NOT_FENCED}, see {@link HostActivities#forgetHost}).
   */
  @ActivityMethod
  LockRelease releaseVdiLocks(String poolAddress, String hostUuid, String srUuid, boolean srMaster, boolean attested,
      ApprovalProof approval);

  /** {@code PBD.create} for (host, SR), unless one with the same device config exists ({@code PBD_EXISTS} if it differs). */
  @ActivityMethod
  PbdResult createPbd(String poolAddress, String hostUuid, String srUuid, Map<String, String> deviceConfig);

  /** {@code PBD.destroy} of the PBD of (host, SR); unplugs it first when attached. */
  @ActivityMethod
  PbdResult destroyPbd(String poolAddress, String hostUuid, String srUuid);

  /** {@code PBD.plug} of the PBD of (host, SR), unless attached. */
  @ActivityMethod
  PbdResult plugPbd(String poolAddress, String hostUuid, String srUuid);

  /** {@code PBD.unplug} of the PBD of (host, SR), unless not attached. */
  @ActivityMethod
  PbdResult unplugPbd(String poolAddress, String hostUuid, String srUuid);

  /** Whether {@code pool.default_SR} points at a shared SR plugged on every live host, and the alternatives. */
  @ActivityMethod
  DefaultSrReport defaultSr(String poolAddress);

  /** {@code pool.set_default_SR}; the SR must exist and be shared. */
  @ActivityMethod
  DefaultSrChange setDefaultSr(String poolAddress, String srUuid, ApprovalProof approval);
}
