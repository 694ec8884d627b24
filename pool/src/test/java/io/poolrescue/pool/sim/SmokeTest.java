package io.poolrescue.pool.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.poolrescue.pool.model.PoolSnapshot;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smallPresetWorks() {
    SimulatedPool sim = SimulatedPool.preset("small");
    PoolSnapshot s = sim.snapshot();
    assertEquals(3, s.hosts().size());
    assertEquals(12, s.vms().stream().filter(v -> !v.controlDomain()).count());
    SimulatedPool large = SimulatedPool.preset("large");
    assertEquals(4096, large.snapshot().vms().stream().filter(v -> !v.controlDomain()).count());
  }
}
