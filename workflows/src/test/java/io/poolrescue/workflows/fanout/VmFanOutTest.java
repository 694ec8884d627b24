package io.poolrescue.workflows.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.workflows.api.TaskQueues;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fan-out on the {@code large} preset: 256 halted VMs started with at most 6 starts in flight,
 * in HA priority order, cut into child workflows of at most 100 VMs, each history small.
 */
class VmFanOutTest {

  /** Counts VM.start_on calls in flight at once, across every client the activities open. */
  static final class InFlight {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();

    PoolConnector wrap(PoolConnector real) {
      return address -> {
        PoolClient c = real.connect(address);
        return (PoolClient) Proxy.newProxyInstance(PoolClient.class.getClassLoader(),
            new Class<?>[] {PoolClient.class}, (proxy, method, args) -> {
              boolean start = method.getName().equals("vmStartOn");
              if (start) {
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                Thread.sleep(2); // long enough for concurrent batches to overlap
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } finally {
                if (start) {
                  now.decrementAndGet();
                }
              }
            });
      };
    }
  }

  @Test
  void startsABigSetInBoundedParallelChildrenInHaOrder() {
    InFlight inFlight = new InFlight();
    try (RecoveryTestEnv t = RecoveryTestEnv.instrumented("large", inFlight::wrap, FanOutProbeImpl.class)) {
      List<Vm> halted = t.snapshot().vms().stream()
          .filter(v -> !v.controlDomain() && v.powerState() == PowerState.HALTED).toList();
      assertEquals(256, halted.size());
      long before = t.sim.journal().size();

      FanOutProbe probe = t.client.newWorkflowStub(FanOutProbe.class, WorkflowOptions.newBuilder()
          .setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId("fan-out").build());
      // the global batch fan-out of the versions before per-host scheduling
      VmBatchResult r = probe.start(t.sim.masterAddress(), halted.stream().map(Vm::uuid).toList(), 6, 100,
          Versions.SITES, false);

      assertEquals(256, r.applied(), r.failed().toString());
      assertTrue(r.failed().isEmpty());
      assertTrue(inFlight.max.get() <= 6, "at most 6 starts in flight, saw " + inFlight.max.get());
      assertTrue(inFlight.max.get() > 1, "starts ran in parallel");
      Map<String, String> running = t.sim.runningDomains();
      assertTrue(halted.stream().allMatch(v -> running.containsKey(v.uuid())));
      assertTrue(t.sim.integrityViolations().isEmpty());

      // the journal shows the starts tier by tier: restart, best-effort, then the rest (lower order first)
      Map<String, Vm> byUuid = halted.stream().collect(Collectors.toMap(Vm::uuid, v -> v));
      List<Vm> started = t.sim.journal().since((int) before).stream()
          .filter(e -> e.call().equals("VM.start_on") && e.succeeded()).map(e -> byUuid.get(e.args().get(0)))
          .toList();
      Comparator<Vm> haOrder = Comparator.comparingInt(VmFanOutTest::tier).thenComparingLong(Vm::order);
      for (int i = 1; i < started.size(); i++) {
        assertTrue(haOrder.compare(started.get(i - 1), started.get(i)) <= 0,
            "started out of HA order at " + i + ": " + started.get(i - 1).nameLabel() + " then "
                + started.get(i).nameLabel());
      }

      for (int k = 1; k <= 3; k++) {
        String child = "fan-out/vm-start-" + k;
        int events = t.client.fetchHistory(child).getHistory().getEventsCount();
        assertTrue(events < 1000, child + " has " + events + " events");
        assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
            t.client.fetchHistory(child).getLastEvent().getEventType());
      }
      System.out.println("fan-out of 256 VMs: parent history " + t.client.fetchHistory("fan-out")
          .getHistory().getEventsCount() + " events; max starts in flight " + inFlight.max.get());
    }
  }

  static int tier(Vm vm) {
    return switch (vm.haRestartPriority()) {
      case "restart" -> 0;
      case "best-effort" -> 1;
      default -> 2;
    };
  }
}
