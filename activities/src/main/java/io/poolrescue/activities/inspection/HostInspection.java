package io.poolrescue.activities.inspection;

import io.poolrescue.pool.HostProbe;
import java.time.Instant;
import java.util.List;

/**
 * A failed (or suspected) host as the pool master and the network see it: the evidence for the
 * procedure's decisions and gates. Small on purpose: summaries, not the pool's records.
 *
 * @param exists false when the master has no such host (already forgotten, or a wrong uuid)
 * @param heartbeatAgeSeconds seconds since the master last heard from the host; -1 when unknown
 * @param poolMaster the host is the pool master right now
 * @param probe what answered at the host's own address
 * @param fingerprint {@link io.poolrescue.activities.StateFingerprint#ofHost} of this state
 */
public record HostInspection(
    Instant takenAt,
    String hostUuid,
    boolean exists,
    String nameLabel,
    String address,
    boolean live,
    boolean enabled,
    long heartbeatAgeSeconds,
    boolean poolMaster,
    String masterUuid,
    String masterAddress,
    boolean haEnabled,
    HostProbe probe,
    List<VmSummary> residentVms,
    List<SrUse> srs,
    String fingerprint) {

  public HostInspection {
    residentVms = List.copyOf(residentVms);
    srs = List.copyOf(srs);
  }

  /** The master says dead and nothing answers at the address: the only state a host may be forgotten in. */
  public boolean deadAndSilent() {
    return exists && !live && !probe.answers();
  }

  /** The master says live and the host answers: there is nothing to recover. */
  public boolean liveAndAnswering() {
    return exists && live && probe.answers();
  }
}
