package io.poolrescue.activities.vm;

import java.util.List;

/**
 * VMs to start (a few hundred at most per batch), placed on live hosts with the memory and the SRs
 * they need, never on an excluded host.
 */
public record StartBatch(String poolAddress, List<String> excludedHostUuids, List<String> vmUuids) {

  public StartBatch {
    excludedHostUuids = excludedHostUuids == null ? List.of() : List.copyOf(excludedHostUuids);
    vmUuids = List.copyOf(vmUuids);
  }
}
