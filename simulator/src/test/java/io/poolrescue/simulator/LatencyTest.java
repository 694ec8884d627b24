package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The time model: calls take their latency on the SimClock, outside the lock; starts queue per host. */
class LatencyTest {
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** A clock whose sleeps wait until the test opens the gate, then move time by the sleep. */
  static final class GatedClock implements SimClock {
    final AtomicReference<Instant> now = new AtomicReference<>(SimulatedPool.EPOCH);
    final Semaphore gate = new Semaphore(0);
    final AtomicInteger sleeping = new AtomicInteger();

    @Override
    public Instant now() {
      return now.get();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      sleeping.incrementAndGet();
      gate.acquire();
      now.updateAndGet(t -> t.plus(d));
    }

    void awaitSleepers(int n) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sleeping.get() < n) {
        if (System.nanoTime() > until) {
          throw new AssertionError("expected " + n + " sleeping call(s), saw " + sleeping.get());
        }
        Thread.sleep(5);
      }
    }
  }

  @Test
  void aManualClockMovesByTheLatencyAndTheJournalShowsStartAndEnd() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = SimulatedPool.preset("small", clock, SimTimings.defaults(), SimLatencies.realistic());
    String vm12 = Lookup.vm(sim.snapshot(), "vm-12").uuid();
    String h3 = Lookup.host(sim.snapshot(), "host-3").uuid();
    sim.vmStartOn(vm12, h3);
    assertEquals(SimulatedPool.EPOCH.plus(Duration.ofSeconds(20)), clock.now(), "VM.start_on took 20 s");
    JournalEntry start = sim.journal().successful("VM.start_on").get(0);
    assertEquals(SimulatedPool.EPOCH, start.started());
    assertEquals(SimulatedPool.EPOCH.plus(Duration.ofSeconds(20)), start.ended());
    assertEquals(PowerState.RUNNING, Lookup.vm(sim.snapshot(), "vm-12").powerState());

    Instant before = clock.now();
    sim.setDefaultSr(Lookup.sr(sim.snapshot(), "nfs-shared").uuid());
    assertEquals(before, clock.now(), "a call without a latency takes no time");
    JournalEntry set = sim.journal().successful("pool.set_default_SR").get(0);
    assertEquals(set.started(), set.ended());
  }

  @Test
  void aStartInProgressBlocksASecondStartButNotOtherCalls() throws Exception {
    GatedClock clock = new GatedClock();
    SimulatedPool sim = SimulatedPool.preset("small", clock, SimTimings.defaults(), SimLatencies.realistic());
    Vm vm12 = Lookup.vm(sim.snapshot(), "vm-12");
    String h2 = Lookup.host(sim.snapshot(), "host-2").uuid();
    String h3 = Lookup.host(sim.snapshot(), "host-3").uuid();
    Future<?> first = threads.submit(() -> sim.vmStartOn(vm12.uuid(), h3));
    clock.awaitSleepers(1);

    assertEquals(PowerState.HALTED, Lookup.vm(sim.snapshot(), "vm-12").powerState(),
        "the simulation's lock is free and the effect lands at the end");
    XapiException e = assertThrows(XapiException.class, () -> sim.vmStartOn(vm12.uuid(), h2));
    assertEquals(XapiErrors.OTHER_OPERATION_IN_PROGRESS, e.code());
    assertEquals(List.of("VM", vm12.ref(), "start_on"), e.params());

    clock.gate.release();
    first.get(10, TimeUnit.SECONDS);
    assertEquals(PowerState.RUNNING, Lookup.vm(sim.snapshot(), "vm-12").powerState());
    assertEquals(h3, sim.runningDomains().get(vm12.uuid()));
  }

  @Test
  void startsBeyondTheHostsConcurrencyQueue() throws Exception {
    GatedClock clock = new GatedClock();
    SimLatencies oneAtATime = SimLatencies.realistic().withVmStart(Duration.ofSeconds(20), 1);
    SimulatedPool sim = SimulatedPool.fromSpec(twoHaltedVms(), clock, SimTimings.defaults(), oneAtATime);
    String a = Lookup.vm(sim.snapshot(), "a").uuid();
    Vm b = Lookup.vm(sim.snapshot(), "b");
    String q2 = Lookup.host(sim.snapshot(), "q-2").uuid();
    Future<?> first = threads.submit(() -> sim.vmStartOn(a, q2));
    clock.awaitSleepers(1);
    Thread second = new Thread(() -> sim.vmStartOn(b.uuid(), q2));
    second.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (second.getState() != Thread.State.WAITING && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertEquals(Thread.State.WAITING, second.getState());
    assertEquals(1, clock.sleeping.get(), "the second start waits for the host's only slot, not on the clock");
    String q1 = Lookup.host(sim.snapshot(), "q-1").uuid();
    ExecutionException again = assertThrows(ExecutionException.class,
        () -> threads.submit(() -> sim.vmStartOn(b.uuid(), q1)).get(10, TimeUnit.SECONDS));
    assertEquals(XapiErrors.OTHER_OPERATION_IN_PROGRESS, ((XapiException) again.getCause()).code(),
        "the queued start already holds the VM");

    clock.gate.release();
    first.get(10, TimeUnit.SECONDS);
    clock.awaitSleepers(2);
    assertEquals(PowerState.HALTED, Lookup.vm(sim.snapshot(), "b").powerState());
    clock.gate.release();
    second.join(10_000);
    assertEquals(PowerState.RUNNING, Lookup.vm(sim.snapshot(), "b").powerState());
    assertEquals(SimulatedPool.EPOCH.plus(Duration.ofSeconds(40)), clock.now(), "one after the other");
  }

  @Test
  void profilesAreCheckedAndTheDemoIsATenthOfRealistic() {
    assertEquals(SimLatencies.realistic().vmStart().dividedBy(10), SimLatencies.demo().vmStart());
    assertEquals(SimLatencies.realistic().startsPerHost(), SimLatencies.demo().startsPerHost());
    assertEquals(Duration.ZERO, SimLatencies.named("instant").pbdPlug());
    assertThrows(IllegalArgumentException.class, () -> SimLatencies.named("fast"));
    assertThrows(IllegalArgumentException.class, () -> SimLatencies.instant().withPbdPlug(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> SimLatencies.instant().withVmStart(Duration.ZERO, 0));
  }

  private static PoolSpec twoHaltedVms() {
    return new PoolSpec("queue", null,
        List.of(new PoolSpec.HostSpec("q-1", null, "127.0.45.1", 32768, null, null, true),
            new PoolSpec.HostSpec("q-2", null, "127.0.45.2", 32768, null, null, false)),
        List.of(new PoolSpec.SrSpec("shared", null, "nfs", true, null, null)),
        List.of(new PoolSpec.VmSpec("a", null, 1024, "Halted", null, "", 0L, 1L,
                List.of(new PoolSpec.DiskSpec("shared", null, null, "RW"))),
            new PoolSpec.VmSpec("b", null, 1024, "Halted", null, "", 0L, 1L,
                List.of(new PoolSpec.DiskSpec("shared", null, null, "RW")))),
        "shared", false);
  }
}
