package io.poolrescue.pool.inventory;

import io.poolrescue.pool.fence.BmcTarget;
import java.util.List;
import java.util.Optional;

/**
 * One host of a pool.
 *
 * @param addresses its management addresses (the first is the one XAPI reports)
 * @param serial the machine's serial number, as its BMC and XAPI's {@code bios_strings} report it
 * @param bmc how to reach its BMC; null when it has none (a fence step then stops the run)
 * @param xapiTlsPinSha256 SHA-256 of this host's own XAPI certificate, or null to learn it from the master
 * @param xapiPassword a credential reference ({@code file:<path>}, {@code env:<NAME>}) to root's password on
 *     this host where it differs from the pool's {@code xapi.password}; null means the pool's
 * @param startSlots how many VM starts the host runs at once when a recovery restarts VMs on it; null
 *     means {@link #DEFAULT_START_SLOTS}
 */
public record InventoryHost(
    String uuid, String name, List<String> addresses, String serial, BmcConfig bmc, String xapiTlsPinSha256,
    String xapiPassword, Integer startSlots) {

  /**
   * Starts per host when the inventory says nothing: xenopsd runs the steps of concurrent starts on a
   * pool of worker threads, so a host builds that many domains at a time; 16 is our reading of its
   * default, not a figure checked on every release.
   */
  public static final int DEFAULT_START_SLOTS = 16;

  public InventoryHost {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }

  /** A host with the pool's root password. */
  public InventoryHost(
      String uuid, String name, List<String> addresses, String serial, BmcConfig bmc, String xapiTlsPinSha256) {
    this(uuid, name, addresses, serial, bmc, xapiTlsPinSha256, null, null);
  }

  /** A host with its own root password reference and the default start slots. */
  public InventoryHost(
      String uuid, String name, List<String> addresses, String serial, BmcConfig bmc, String xapiTlsPinSha256,
      String xapiPassword) {
    this(uuid, name, addresses, serial, bmc, xapiTlsPinSha256, xapiPassword, null);
  }

  /** The VM starts this host runs at once. */
  public int startSlotsOrDefault() {
    return startSlots == null ? DEFAULT_START_SLOTS : startSlots;
  }

  public Optional<BmcTarget> bmcTarget() {
    return bmc == null ? Optional.empty() : Optional.of(bmc.target(serial));
  }

  /** For messages: name and uuid. */
  public String describe() {
    return (name == null ? "" : name + " ") + uuid;
  }
}
