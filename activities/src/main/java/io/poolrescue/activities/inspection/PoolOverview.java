package io.poolrescue.activities.inspection;

import java.time.Instant;
import java.util.List;

/** The pool at a glance, as its master reports it. */
public record PoolOverview(
    Instant takenAt, String poolUuid, String masterUuid, String masterAddress, boolean haEnabled,
    String defaultSrUuid, List<HostSummary> hosts, int vmCount) {

  public PoolOverview {
    hosts = List.copyOf(hosts);
  }
}
