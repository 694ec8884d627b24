package io.poolrescue.workflows.sites;

import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.SimClock;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.poolrescue.simulator.xapi.XapiServer;
import io.poolrescue.simulator.xapi.XapiServerOptions;
import java.nio.file.Path;
import java.util.Set;

/**
 * One site's pool for a test: a simulated pool served over XAPI by its own {@link XapiServer} (on the
 * port given, 0 for any) and its BMCs over Redfish, and its entry in the shared inventory, at its site.
 *
 * @param inventoryPool named by {@code poolUuid}: the simulator gives every pool built from a spec the
 *     same pool uuid (its identifiers are seeded per simulation), so two of them need the inventory's
 */
record SitePool(String site, SimulatedPool sim, XapiServer server, SimulatedFencing bmcs, InventoryPool inventoryPool)
    implements AutoCloseable {

  static SitePool start(String site, String poolUuid, PoolSpec spec, SimClock clock, int port, Path secrets) {
    SimulatedPool sim = SimulatedPool.fromSpec(spec, clock, SimTimings.demo());
    XapiServer server = XapiServer.start(sim, XapiServerOptions.defaults().withPort(port));
    SimulatedFencing bmcs = SimulatedFencing.start(sim, secrets, "root", "env:POOLRESCUE_TEST_XAPI_PASSWORD");
    InventoryPool p = bmcs.inventory().pools().get(0);
    InventoryPool entry = new InventoryPool(poolUuid, spec.name(), p.master(), p.xapi(), p.hosts(),
        p.freshAddresses(), site);
    return new SitePool(site, sim, server, bmcs, entry);
  }

  Set<String> addresses() {
    return inventoryPool.allAddresses();
  }

  /** By the inventory, which still lists a host the pool has forgotten. */
  String hostUuid(String name) {
    return inventoryPool.hosts().stream().filter(h -> name.equals(h.name())).findFirst().orElseThrow().uuid();
  }

  @Override
  public void close() {
    server.close();
    bmcs.close();
  }
}
