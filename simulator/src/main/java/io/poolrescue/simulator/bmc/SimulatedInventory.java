package io.poolrescue.simulator.bmc;

import io.poolrescue.pool.fence.BmcKind;
import io.poolrescue.pool.inventory.BmcConfig;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.pool.inventory.XapiAccess;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.simulator.SecretFiles;
import io.poolrescue.simulator.SimulatedPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The inventory a worker needs for a simulated pool: its hosts with their serials, and the Redfish
 * BMC of each as {@link BmcServer} serves it, pinned by certificate. BMC passwords are written as
 * files (owner-only) under a directory of the caller's, so the inventory holds references only,
 * as a real one does.
 */
public final class SimulatedInventory {
  private SimulatedInventory() {}

  /** @param xapiPassword the XAPI password's reference ({@code file:...}); null for a pool reached in-process */
  public static Inventory of(SimulatedPool sim, BmcServer bmcs, Path secretsDir, String xapiUser, String xapiPassword) {
    PoolSnapshot s = sim.snapshot();
    Map<String, SimulatedBmc> byHost = bmcs.bmcs().stream()
        .collect(Collectors.toMap(SimulatedBmc::hostUuid, Function.identity(), (a, b) -> a));
    List<InventoryHost> hosts = s.hosts().stream()
        .map(h -> host(h, byHost.get(h.uuid()), secretsDir))
        .toList();
    InventoryPool pool = new InventoryPool(s.pool().uuid(), s.pool().nameLabel(), sim.masterAddress(),
        new XapiAccess(xapiUser, xapiPassword, null), hosts);
    return new Inventory(List.of(pool));
  }

  private static InventoryHost host(Host h, SimulatedBmc bmc, Path secretsDir) {
    BmcConfig config = bmc == null ? null : new BmcConfig(BmcKind.REDFISH, bmc.url(), bmc.user(),
        "file:" + SecretFiles.write(secretsDir.resolve("bmc-" + h.uuid()), bmc.password()), bmc.tlsSha256());
    return new InventoryHost(h.uuid(), h.nameLabel(), List.of(h.address()), h.serial(), config, null);
  }
}
