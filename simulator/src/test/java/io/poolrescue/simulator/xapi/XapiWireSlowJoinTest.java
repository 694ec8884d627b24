package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.SimClock;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pool.join that takes longer than the server's usual wait for an answer owed (the metadata copy
 * of a real join takes tens of seconds) is still answered before the joiner's address closes for
 * its agent restart, as xapi answers and then restarts.
 */
class XapiWireSlowJoinTest {
  private static final Duration JOIN = Duration.ofMillis(3500);
  private WireFixture f;

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aJoinLongerThanTheAnswerBoundIsAnsweredBeforeTheJoinerRestarts() {
    f = new WireFixture(SimulatedPool.preset("small", SimClock.system(), SimTimings.defaults(),
        SimLatencies.instant().withPoolJoin(JOIN)));
    f.sim.addFreshHost(new FreshHostSpec("fresh-1", "127.0.30.1", 65536L << 20, List.of("eth0", "eth1"), "eth0"));
    f.server.refresh();
    long t0 = System.nanoTime();
    try (XapiClient fresh = f.client("127.0.30.1")) {
      fresh.poolJoin(WireFixture.MASTER); // a lost answer would throw PoolUnreachableException
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertTrue(took.compareTo(JOIN) >= 0, "the answer came after the join's latency: " + took);
    assertTrue(f.sim.snapshot().hosts().stream().anyMatch(h -> h.address().equals("127.0.30.1")), "joined");
    assertEquals(1, f.sim.journal().entries().stream().filter(e -> e.call().equals("pool.join")).count());
  }
}
