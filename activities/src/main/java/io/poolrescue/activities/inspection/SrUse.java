package io.poolrescue.activities.inspection;

import java.util.List;

/**
 * One SR a failed host touches: it holds disks of the host's VMs, or VDIs carrying the host's SM lock.
 *
 * @param ownedByHost a local SR of this host: the host was its SR master, and its VMs' disks there
 *     are lost with it
 * @param lockedVdis VDIs of this SR carrying the host's {@code host_<ref>} lock
 * @param vmUuids the host's resident VMs with disks on this SR
 */
public record SrUse(
    String srUuid, String nameLabel, boolean shared, boolean ownedByHost, int lockedVdis, List<String> vmUuids) {

  public SrUse {
    vmUuids = List.copyOf(vmUuids);
  }
}
