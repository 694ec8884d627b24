package io.poolrescue.activities.pbd;

import java.util.List;

/**
 * XenCenter's "Repair SR" over the API: PBDs created for live hosts that had none (device config
 * copied from an existing PBD), then every unplugged PBD plugged.
 *
 * @param failures "host uuid: XAPI code" for each host whose PBD could not be created or plugged
 */
public record SrRepairResult(
    String srUuid, List<String> createdOnHosts, List<String> pluggedOnHosts, int alreadyAttached, List<String> failures) {
  public SrRepairResult {
    createdOnHosts = List.copyOf(createdOnHosts);
    pluggedOnHosts = List.copyOf(pluggedOnHosts);
    failures = List.copyOf(failures);
  }

  public boolean changedPool() {
    return !createdOnHosts.isEmpty() || !pluggedOnHosts.isEmpty();
  }
}
