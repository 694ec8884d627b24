package io.poolrescue.activities.vm;

import java.util.List;

/**
 * VMs to start on one host, all at once (no more than its free start slots). A VM the host refuses
 * for a reason of its own (memory, liveness, SRs) goes to another suitable host, never an excluded one.
 */
public record HostStartBatch(String poolAddress, List<String> excludedHostUuids, String hostUuid,
    List<String> vmUuids) {

  public HostStartBatch {
    excludedHostUuids = excludedHostUuids == null ? List.of() : List.copyOf(excludedHostUuids);
    vmUuids = List.copyOf(vmUuids);
  }
}
