package io.poolrescue.activities.poolrestore;

import java.util.List;

/**
 * The restored pool as its master sees it: counts and SRs, small whatever the pool's size.
 *
 * @param vmsOnMissingHosts VMs still marked Running or Paused on a host that is gone or dead
 * @param defaultSrUsable the default SR is shared and plugged on every live host
 * @param fingerprint digest of hosts, SR attachments and VM power states
 */
public record RestoredPoolReport(
    String poolUuid, String masterUuid, String masterAddress, int hosts, int liveHosts, int vms, int running,
    int halted, int suspended, int vmsOnMissingHosts, List<SrState> sharedSrs, String defaultSrUuid,
    boolean defaultSrUsable, String fingerprint) {

  public RestoredPoolReport {
    sharedSrs = List.copyOf(sharedSrs);
  }

  public List<SrState> unreachableSrs() {
    return sharedSrs.stream().filter(s -> !s.reachableEverywhere()).toList();
  }
}
