package io.poolrescue.workflows.replay;

import io.poolrescue.pool.sim.PoolSpec;
import io.poolrescue.pool.sim.SimClock;
import io.poolrescue.pool.sim.SimTimings;
import io.poolrescue.pool.sim.SimulatedPool;

/** The simulated pool a scenario runs on, built on the recording's clock. */
@FunctionalInterface
public interface PoolSource {
  SimulatedPool create(SimClock clock);

  static PoolSource preset(String name) {
    return clock -> SimulatedPool.preset(name, clock, SimTimings.defaults());
  }

  static PoolSource spec(PoolSpec spec) {
    return clock -> SimulatedPool.fromSpec(spec, clock, SimTimings.defaults());
  }
}
