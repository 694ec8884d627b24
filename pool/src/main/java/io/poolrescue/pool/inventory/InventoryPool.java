package io.poolrescue.pool.inventory;

import java.util.List;

/**
 * One pool of the inventory.
 *
 * @param master the address of the pool master the worker logs in to first (it follows
 *     {@code HOST_IS_SLAVE} from there)
 */
public record InventoryPool(String uuid, String name, String master, XapiAccess xapi, List<InventoryHost> hosts) {

  public InventoryPool {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }
}
