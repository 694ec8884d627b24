package io.poolrescue.activities.inspection;

import io.poolrescue.pool.HostProbe;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Read-only looks at the pool and the network. Nothing here changes the pool. */
@ActivityInterface(namePrefix = "Inspect")
public interface InspectionActivities {

  /** The host, its VMs, SRs and locks as the master at {@code poolAddress} sees them, and a probe of its address. */
  @ActivityMethod
  HostInspection host(String poolAddress, String hostUuid);

  /** The fingerprint {@link #host} would report, for the re-check right before a guarded step. */
  @ActivityMethod
  String hostFingerprint(String poolAddress, String hostUuid);

  /** What answers at one address (never fails: an unreachable host is an answer too). */
  @ActivityMethod
  HostProbe probe(String address);

  /** Probes of several addresses, with a fingerprint of the answers. */
  @ActivityMethod
  ProbeReport probeAll(List<String> addresses);

  /**
   * Which hosts of the pool (other than the excluded ones) can take VM starts now, and which are
   * still settling after a restart: not answering as members of this master, or disabled. Never
   * fails for a master that does not answer yet: that is a report too.
   */
  @ActivityMethod
  ReadinessReport readiness(String poolAddress, List<String> excludedHostUuids);

  /** Master, HA, default SR and every host's liveness and free memory. */
  @ActivityMethod
  PoolOverview pool(String poolAddress);

  /** Every VM of the pool (control domains left out) as its master records it: power state, host, HA. */
  @ActivityMethod
  List<PoolVm> vms(String poolAddress);
}
