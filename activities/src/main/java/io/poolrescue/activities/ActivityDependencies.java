package io.poolrescue.activities;

import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.notify.NotificationSink;
import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.inventory.Inventory;

/**
 * What the activities are built from, all of it worker configuration: how to reach the pool, where
 * backups live, where notifications go, the BMCs of the inventory, whether a two-person
 * attestation may stand in for a BMC that cannot tell, the inventory itself (null when the worker
 * has none) and the addresses the worker may log in to.
 *
 * @param allowlist the same allowlist the connector enforces; null means the inventory's addresses,
 *     or loopback addresses only without an inventory (tests and the simulator)
 */
public record ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
    HostFencing fencing, boolean attestationAllowed, Inventory inventory, AddressAllowlist allowlist) {

  public ActivityDependencies {
    if (allowlist == null) {
      allowlist = inventory != null ? AddressAllowlist.fromInventory(inventory) : AddressAllowlist.loopback();
    }
  }

  /** Without an inventory: only loopback addresses are in scope (tests, a simulated pool). */
  public ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
      HostFencing fencing, boolean attestationAllowed) {
    this(connector, store, sink, fencing, attestationAllowed, null, null);
  }
}
