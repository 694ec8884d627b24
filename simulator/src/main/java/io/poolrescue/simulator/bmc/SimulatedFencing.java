package io.poolrescue.simulator.bmc;

import io.poolrescue.pool.fence.DefaultFenceAgents;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.simulator.SimulatedPool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Fencing for a simulated pool the way a worker does it on real hardware: the simulated BMCs served
 * over Redfish on loopback, an inventory that names them, and the real fence agents reaching them.
 * The dev stack, the simulated worker and the tests all fence through this.
 */
public final class SimulatedFencing implements AutoCloseable {
  static final Duration OFF_WITHIN = Duration.ofSeconds(6);

  private final BmcServer server;
  private final Inventory inventory;
  private final HostFencing fencing;

  private SimulatedFencing(BmcServer server, Inventory inventory) {
    this.server = server;
    this.inventory = inventory;
    // a simulated machine goes off at once or never (a BMC fault): no need to wait minutes for it
    this.fencing = new HostFencing(inventory, new DefaultFenceAgents(), Clock.systemUTC(), OFF_WITHIN);
  }

  /**
   * Starts the BMCs of {@code sim} and builds its inventory; BMC passwords are written under
   * {@code secretsDir}.
   */
  public static SimulatedFencing start(SimulatedPool sim, Path secretsDir, String xapiUser, String xapiPassword) {
    return start(sim, secretsDir, xapiUser, xapiPassword, UnaryOperator.identity());
  }

  /** The same with the inventory changed as {@code edit} says, e.g. a host left without its BMC. */
  public static SimulatedFencing start(SimulatedPool sim, Path secretsDir, String xapiUser, String xapiPassword,
      UnaryOperator<Inventory> edit) {
    BmcServer server = BmcServer.start(sim);
    try {
      return new SimulatedFencing(server,
          edit.apply(SimulatedInventory.of(sim, server, secretsDir, xapiUser, xapiPassword)));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public HostFencing fencing() {
    return fencing;
  }

  public Inventory inventory() {
    return inventory;
  }

  public BmcServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
