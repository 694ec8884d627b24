package io.poolrescue.worker;

import io.poolrescue.pool.inventory.Inventory;
import java.util.Optional;

/** Which inventory pools a worker started for a site serves, or why it cannot start so. */
final class WorkerSites {
  private WorkerSites() {}

  /**
   * The inventory's pools at {@code site}. Refused: a site without an inventory naming sites, an
   * inventory with sites but no site, a site the inventory does not name, and {@code --xapi} or
   * {@code --simulated} beside a site (the site's pools come from the inventory, with their own logins).
   */
  static Inventory served(Optional<Inventory> inventory, String site, String xapi, String simulated) {
    if (inventory.isEmpty() || inventory.get().sites().isEmpty()) {
      throw new IllegalArgumentException("--site " + site + " needs an --inventory whose pools name their site");
    }
    Inventory inv = inventory.get();
    if (site == null) {
      throw new IllegalArgumentException("the inventory names sites " + inv.sites() + ": start the worker with "
          + "--site NAME (it serves that site's pools)");
    }
    if (!inv.sites().contains(site)) {
      throw new IllegalArgumentException("--site " + site + " is not a site of the inventory (its sites: "
          + inv.sites() + ")");
    }
    if (xapi != null || simulated != null) {
      throw new IllegalArgumentException("--site serves the inventory's pools of the site, each with the login the "
          + "inventory gives it: leave out " + (xapi != null ? "--xapi" : "--simulated"));
    }
    return inv.atSite(site);
  }
}
