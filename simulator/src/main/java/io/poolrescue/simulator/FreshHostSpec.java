package io.poolrescue.simulator;

import java.util.List;

/** A freshly installed standalone host placed beside the pool (for a pool restore or a join). */
public record FreshHostSpec(
    String nameLabel, String address, long memoryTotal, List<String> nicDevices, String managementDevice) {

  public FreshHostSpec {
    if (nameLabel == null || nameLabel.isBlank()) {
      throw new IllegalArgumentException("a fresh host needs a name");
    }
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("fresh host " + nameLabel + " needs an address");
    }
    if (memoryTotal <= 0) {
      throw new IllegalArgumentException("fresh host " + nameLabel + " needs memory");
    }
    nicDevices = List.copyOf(nicDevices);
    if (nicDevices.isEmpty() || !nicDevices.contains(managementDevice)) {
      throw new IllegalArgumentException(
          "fresh host " + nameLabel + ": management NIC " + managementDevice + " must be one of " + nicDevices);
    }
  }
}
