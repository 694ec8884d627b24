package io.poolrescue.worker.pool;

import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.xapi.InventoryConnector;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.SimulatedPool;

/**
 * What the worker's activities talk to: a real pool over XAPI, the inventory's pools of one site, or a
 * simulated pool in this process.
 */
public sealed interface PoolBinding {

  PoolConnector connector();

  /** One line for the log; never a secret (the password appears only as its reference). */
  String describe();

  /** A real pool master (or the dev stack's XapiServer) over XAPI JSON-RPC. */
  record Xapi(XapiConnector connector, String masterAddress) implements PoolBinding {
    @Override
    public String describe() {
      return "XAPI pool at " + connector.config().baseUri(masterAddress) + " as " + connector.config().user()
          + " (password from " + connector.config().credentials().reference() + ")";
    }
  }

  /** Every inventory pool of one site, each with its own login and connection pool ({@code --site}). */
  record Site(InventoryConnector connector, String site) implements PoolBinding {
    @Override
    public String describe() {
      return "site " + site + ": " + connector.describe();
    }
  }

  /** A simulated pool living in this process (no network between activities and pool). */
  record Simulated(SimulatedPool pool, String name) implements PoolBinding {
    @Override
    public PoolConnector connector() {
      return pool;
    }

    @Override
    public String describe() {
      return "simulated pool '" + name + "' (master " + pool.masterAddress() + ")";
    }
  }
}
