package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.SimClock;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Read timeouts by kind of call, over the wire in wall time: the ordinary timeout is scaled down to
 * one second so that a two-second VM.start_on is longer than it, as a long start is longer than 60 s.
 */
class XapiWireReadTimeoutTest {
  private static final Duration ORDINARY = Duration.ofSeconds(1);
  private static final Duration START = Duration.ofSeconds(2);
  private static final String START_ON = "VM.start_on";

  private WireFixture f;

  @AfterEach
  void stop() {
    f.close();
  }

  private XapiClient master(Duration longCalls) {
    f = new WireFixture(SimulatedPool.preset("small", SimClock.system(), SimTimings.defaults(),
        SimLatencies.instant().withVmStart(START, 16)));
    return new XapiConnector(f.config().readTimeout(ORDINARY).longCallTimeout(longCalls).build())
        .connect(WireFixture.MASTER);
  }

  private Vm vm12() {
    return f.sim.snapshot().vms().stream().filter(v -> v.nameLabel().equals("vm-12")).findFirst().orElseThrow();
  }

  private long starts() {
    return f.sim.journal().entries().stream().filter(e -> e.call().equals(START_ON)).count();
  }

  @Test
  void aStartLongerThanTheOrdinaryTimeoutGetsItsReplyOnce() {
    XapiClient c = master(Duration.ofSeconds(10));
    c.vmStartOn(vm12().uuid(), f.hostAt(WireFixture.MASTER).uuid());
    assertEquals(PowerState.RUNNING, vm12().powerState());
    assertEquals(1, starts(), "one start, journaled once");
    assertTrue(f.sim.integrityViolations().isEmpty());
  }

  @Test
  void underOneTimeoutForEveryCallTheSameStartLosesItsReplyThoughItRan() throws InterruptedException {
    XapiClient c = master(ORDINARY);
    String vm = vm12().uuid();
    assertThrows(PoolUnreachableException.class, () -> c.vmStartOn(vm, f.hostAt(WireFixture.MASTER).uuid()));
    Thread.sleep(START.toMillis() * 2); // the pool goes on with the start the client gave up on
    assertEquals(PowerState.RUNNING, vm12().powerState(), "a caller that retried now would start it twice");
    assertEquals(1, starts());
  }
}
