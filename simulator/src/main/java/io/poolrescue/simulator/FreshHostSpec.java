package io.poolrescue.simulator;

import java.util.List;

/**
 * A freshly installed standalone host placed beside the pool (for a pool restore or a join).
 * {@code rootPassword} is the one given at installation; null means the site's credentials.
 */
public record FreshHostSpec(
    String nameLabel, String address, long memoryTotal, List<String> nicDevices, String managementDevice,
    String rootPassword) {

  /** A fresh host installed with the site's root password. */
  public FreshHostSpec(String nameLabel, String address, long memoryTotal, List<String> nicDevices,
      String managementDevice) {
    this(nameLabel, address, memoryTotal, nicDevices, managementDevice, null);
  }

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

  @Override
  public String toString() {
    return "FreshHostSpec[" + nameLabel + " at " + address + (rootPassword == null ? "" : ", rootPassword=<hidden>")
        + "]";
  }
}
