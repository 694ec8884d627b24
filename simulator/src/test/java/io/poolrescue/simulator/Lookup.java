package io.poolrescue.simulator;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;

/** Name lookups for simulator tests. */
final class Lookup {
  private Lookup() {}

  static Host host(PoolSnapshot s, String name) {
    return s.hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no host " + name));
  }

  static Vm vm(PoolSnapshot s, String name) {
    return s.vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no VM " + name));
  }

  static Sr sr(PoolSnapshot s, String name) {
    return s.srs().stream().filter(v -> v.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no SR " + name));
  }

  static SimulatedPool small(ManualClock clock) {
    return SimulatedPool.preset("small", clock, SimTimings.defaults());
  }
}
