package io.poolrescue.pool.xapi;

import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.AddressNotAllowedException;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryPool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Opens clients on the hosts of several pools, each pool with its own login from the inventory (user,
 * password reference, certificate pins) and its own {@link XapiConnector}, so its own connection pool.
 * An address is served by the connector of the pool it belongs to; each connector's allowlist is its
 * pool's addresses, so one pool's password never goes to another pool's host, and an address of no
 * pool served here is refused before anything is sent.
 */
public final class InventoryConnector implements PoolConnector {
  private final Inventory served;
  private final Map<String, XapiConnector> byPool = new LinkedHashMap<>();

  /**
   * @param served the pools this worker serves (e.g. {@link Inventory#atSite} of its site)
   * @param base scheme, port and timeouts every pool shares (a new builder for each pool)
   */
  public InventoryConnector(Inventory served, Supplier<XapiClientConfig.Builder> base) {
    this.served = served;
    for (InventoryPool p : served.pools()) {
      XapiClientConfig.Builder config = base.get()
          .user(p.xapi().user())
          .credentials(p.xapi().password())
          .pinnedSha256(p.xapi().tlsPinSha256())
          .allowlist(AddressAllowlist.of(p.allAddresses(), "pool " + label(p)))
          .poolPeers(address -> p.memberAddresses());
      p.hosts().stream().filter(h -> h.xapiTlsPinSha256() != null)
          .forEach(h -> h.addresses().forEach(a -> config.pinnedSha256(a, h.xapiTlsPinSha256())));
      byPool.put(p.uuid(), new XapiConnector(config.build()));
    }
  }

  @Override
  public XapiClient connect(String address) {
    InventoryPool pool = served.poolAt(address).orElseThrow(() -> new AddressNotAllowedException(address,
        address + " is not a host of a pool this worker serves (" + describe() + "); nothing was sent there"));
    return byPool.get(pool.uuid()).connect(address);
  }

  /** The connector of one served pool, by its inventory uuid (null when not served here). */
  public XapiConnector of(String poolUuid) {
    return byPool.get(poolUuid);
  }

  /** For logs: the pools served and whose password each uses (references only). */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (InventoryPool p : served.pools()) {
      out.append(out.length() == 0 ? "" : ", ").append(label(p)).append(" as ").append(p.xapi().user())
          .append(" (password from ").append(p.xapi().password()).append(')');
    }
    return served.pools().size() + " pool(s): " + out;
  }

  private static String label(InventoryPool p) {
    return p.name() == null ? p.uuid() : p.name() + " " + p.uuid();
  }

  @Override
  public String toString() {
    return "InventoryConnector[" + describe() + "]";
  }
}
