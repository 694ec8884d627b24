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
 */
public record InventoryHost(
    String uuid, String name, List<String> addresses, String serial, BmcConfig bmc, String xapiTlsPinSha256,
    String xapiPassword) {

  public InventoryHost {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }

  /** A host with the pool's root password. */
  public InventoryHost(
      String uuid, String name, List<String> addresses, String serial, BmcConfig bmc, String xapiTlsPinSha256) {
    this(uuid, name, addresses, serial, bmc, xapiTlsPinSha256, null);
  }

  public Optional<BmcTarget> bmcTarget() {
    return bmc == null ? Optional.empty() : Optional.of(bmc.target(serial));
  }

  /** For messages: name and uuid. */
  public String describe() {
    return (name == null ? "" : name + " ") + uuid;
  }
}
