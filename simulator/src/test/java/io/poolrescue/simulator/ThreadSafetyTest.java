package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Many threads at once: no corruption, every call journaled exactly once, in one order. */
class ThreadSafetyTest {

  @Test
  void concurrentCallersSeeAConsistentPool() throws InterruptedException {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = Lookup.small(clock);
    PoolSnapshot s = sim.snapshot();
    String vm12 = Lookup.vm(s, "vm-12").uuid();
    String vm05 = Lookup.vm(s, "vm-05").uuid();
    List<String> hosts = s.hosts().stream().map(h -> h.uuid()).toList();
    List<String> addresses = s.hosts().stream().map(h -> h.address()).toList();
    String nfs = Lookup.sr(s, "nfs-shared").uuid();
    AtomicInteger mutating = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers.add(new Thread(() -> {
        try {
          go.await();
          PoolClient c = sim.connect(addresses.get(id % addresses.size()));
          for (int i = 0; i < 200; i++) {
            try {
              switch ((id + i) % 5) {
                case 0 -> assertEquals(3, c.snapshot().hosts().size());
                case 1 -> { mutating.incrementAndGet(); c.vmStartOn(vm12, hosts.get(i % 3)); }
                case 2 -> { mutating.incrementAndGet(); c.vmPowerStateReset(vm05); }
                case 3 -> { mutating.incrementAndGet(); c.setDefaultSr(i % 2 == 0 ? nfs : null); }
                default -> clock.advance(Duration.ofSeconds(1));
              }
            } catch (XapiException expected) {
              // refusals are part of the game (VM already running, host live)
            }
          }
        } catch (Throwable e) {
          unexpected.add(e);
        }
      }));
    }
    workers.forEach(Thread::start);
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertTrue(unexpected.isEmpty(), unexpected.toString());
    List<JournalEntry> entries = sim.journal().entries();
    assertEquals(mutating.get(), entries.size());
    assertEquals(LongStream.rangeClosed(1, entries.size()).boxed().toList(),
        entries.stream().map(JournalEntry::seq).toList());
    for (int i = 1; i < entries.size(); i++) {
      assertTrue(!entries.get(i).at().isBefore(entries.get(i - 1).at()), "journal time never goes back");
    }
    assertEquals(1, sim.journal().successful("VM.start_on").size(), "vm-12 was started exactly once");
  }
}
