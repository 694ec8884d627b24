package io.poolrescue.activities.poolrestore;

import java.util.List;

/**
 * A freshly installed host a pool is to be restored onto or joined from: usable when it answers as
 * the master of its own one-host pool and runs no VM.
 *
 * @param probe what answered at the address ("master", "slave-of …", "unavailable CODE", "unreachable")
 * @param problem why it cannot be used, null when usable
 * @param nicDevices its physical NIC names, which the database restore matches against the backup's master
 * @param managementDevice the NIC its management interface is on
 * @param fingerprint digest of these facts, re-checked right before the restore
 * @param serial the machine's serial number, null when unknown (not answering, or recorded before fencing)
 */
public record FreshHostCheck(
    String address, String hostUuid, String probe, boolean usable, String problem, int hostsInPool, int vms,
    List<String> nicDevices, String managementDevice, String fingerprint, String serial) {

  public FreshHostCheck {
    nicDevices = nicDevices == null ? List.of() : List.copyOf(nicDevices);
  }
}
