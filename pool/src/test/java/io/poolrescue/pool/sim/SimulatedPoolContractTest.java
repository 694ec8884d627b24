package io.poolrescue.pool.sim;

import io.poolrescue.pool.PoolClientContract;
import io.poolrescue.pool.PoolConnector;

/** The contract, in-process: the simulator is its own connector. */
class SimulatedPoolContractTest extends PoolClientContract {
  @Override
  protected PoolConnector connectorFor(SimulatedPool sim) {
    return sim;
  }
}
