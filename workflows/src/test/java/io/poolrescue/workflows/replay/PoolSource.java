package io.poolrescue.workflows.replay;

import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.SimClock;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;

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
