package io.poolrescue.simulator;

import io.poolrescue.pool.PoolConnector;
import io.poolrescue.simulator.contract.PoolClientContract;

/** The contract, in-process: the simulator is its own connector. */
class SimulatedPoolContractTest extends PoolClientContract {
  @Override
  protected PoolConnector connectorFor(SimulatedPool sim) {
    return sim;
  }
}
