package io.poolrescue.activities.vm;

/**
 * A VM and the host the schedule gives it.
 *
 * @param memoryBytes the VM's memory, which a later placement counts as promised to that host
 *     (0 in payloads before {@code Versions.ROLLING_STARTS})
 */
public record PlacedVm(String vmUuid, String hostUuid, long memoryBytes) {
  public PlacedVm(String vmUuid, String hostUuid) {
    this(vmUuid, hostUuid, 0);
  }
}
