package io.poolrescue.workflows.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.vm.HostStartBatch;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.PoolSpec.DiskSpec;
import io.poolrescue.simulator.PoolSpec.HostSpec;
import io.poolrescue.simulator.PoolSpec.SrSpec;
import io.poolrescue.simulator.PoolSpec.VmSpec;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.workflows.api.TaskQueues;
import io.poolrescue.workflows.core.ReadinessWait;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-host scheduling ({@link Versions#SCHEDULE}): each host busy up to its start slots (16 by
 * default), the cap respected, HA priority kept in what the workflow sends, a host that dies while
 * VMs are being sent to it left behind, a schedule too large for one history cut among children,
 * and ({@link Versions#ROLLING_STARTS}) starts that begin on the ready host while others settle.
 */
class HostScheduledStartsTest {
  private static final long GIB = 1024;

  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  /** Starts in flight, per target host and in all, across every client the activities open. */
  static final class Starts {
    final Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> maxPerHost = new ConcurrentHashMap<>();
    final AtomicInteger all = new AtomicInteger();
    final AtomicInteger maxAll = new AtomicInteger();
    volatile Consumer<String> onStart = h -> {};

    PoolConnector wrap(PoolConnector real) {
      return address -> {
        PoolClient c = real.connect(address);
        return (PoolClient) Proxy.newProxyInstance(PoolClient.class.getClassLoader(),
            new Class<?>[] {PoolClient.class}, (proxy, method, args) -> {
              if (!method.getName().equals("vmStartOn")) {
                return call(method, c, args);
              }
              String host = (String) args[1];
              onStart.accept(host);
              AtomicInteger n = now.computeIfAbsent(host, h -> new AtomicInteger());
              maxPerHost.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(n.incrementAndGet(), Math::max);
              maxAll.accumulateAndGet(all.incrementAndGet(), Math::max);
              try {
                Thread.sleep(30); // long enough for a host's batches, and other hosts', to overlap
                return call(method, c, args);
              } finally {
                n.decrementAndGet();
                all.decrementAndGet();
              }
            });
      };
    }

    private static Object call(java.lang.reflect.Method m, PoolClient c, Object[] args) throws Throwable {
      try {
        return m.invoke(c, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** Three hosts of 256 GiB on one shared SR, and {@code vms} halted VMs of 1 GiB. */
  private static PoolSpec threeHosts(List<VmSpec> vms) {
    return new PoolSpec("sched", null, List.of(
        new HostSpec("h1", null, "127.0.40.1", 256 * GIB, null, null, true),
        new HostSpec("h2", null, "127.0.40.2", 256 * GIB, null, null, false),
        new HostSpec("h3", null, "127.0.40.3", 256 * GIB, null, null, false)),
        List.of(new SrSpec("nfs", null, "nfs", true, null, null)), vms, "nfs", false);
  }

  private static List<VmSpec> halted(String prefix, int n, String priority, long order) {
    List<VmSpec> vms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      vms.add(new VmSpec(prefix + i, null, GIB, "Halted", null, priority, order, null,
          List.of(new DiskSpec("nfs", null, null, null))));
    }
    return vms;
  }

  private VmBatchResult startAll(String id, int maxParallel, int childThreshold) {
    return startAll(id, maxParallel, childThreshold, Versions.CURRENT);
  }

  private VmBatchResult startAll(String id, int maxParallel, int childThreshold, int version) {
    return startAll(id, maxParallel, childThreshold, version, false);
  }

  private VmBatchResult startAll(String id, int maxParallel, int childThreshold, int version, boolean awaitReady) {
    FanOutProbe probe = t.client.newWorkflowStub(FanOutProbe.class, WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.POOL_RECOVERY).setWorkflowId(id).build());
    List<String> vms = t.snapshot().vms().stream().filter(v -> !v.controlDomain()).map(Vm::uuid).toList();
    return probe.start(t.sim.masterAddress(), vms, maxParallel, childThreshold, version, awaitReady);
  }

  private List<Vm> guests() {
    return t.snapshot().vms().stream().filter(v -> !v.controlDomain()).toList();
  }

  @Test
  void eachHostIsKeptBusyUpToItsSlotsAndTheHostsWorkAtOnce() {
    Starts starts = new Starts();
    t = RecoveryTestEnv.instrumented(threeHosts(halted("vm-", 90, "", 0)), starts::wrap, FanOutProbeImpl.class);
    VmBatchResult r = startAll("sched-busy", 0, VmFanOut.CHILD_THRESHOLD);

    assertEquals(90, r.applied(), r.failed().toString());
    starts.maxPerHost.forEach((h, max) -> assertTrue(max.get() <= 16, h + " ran " + max.get() + " starts at once"));
    assertTrue(starts.maxAll.get() > 16, "several hosts started VMs at once: at most " + starts.maxAll.get());
    Map<String, Long> perHost = guests().stream().collect(Collectors.groupingBy(Vm::residentOn, Collectors.counting()));
    assertEquals(3, perHost.size());
    perHost.values().forEach(n -> assertEquals(30L, n, "the starts are spread evenly: " + perHost));
    assertTrue(t.sim.integrityViolations().isEmpty());
  }

  @Test
  void theRequestsCapBoundsTheStartsInFlightInAll() {
    Starts starts = new Starts();
    t = RecoveryTestEnv.instrumented(threeHosts(halted("vm-", 30, "", 0)), starts::wrap, FanOutProbeImpl.class);
    VmBatchResult r = startAll("sched-cap", 5, VmFanOut.CHILD_THRESHOLD);
    assertEquals(30, r.applied());
    assertTrue(starts.maxAll.get() <= 5, "at most 5 starts in flight, saw " + starts.maxAll.get());
  }

  /** Before {@link Versions#POOL_PACE}: a lower tier waits until every VM of the higher tiers is sent. */
  @Test
  void noLowerPriorityVmIsSentWhileAHigherOneWaitsAndAStartOrderWaitsForTheOneBefore() {
    List<VmSpec> specs = new ArrayList<>(halted("other-", 40, "", 0));
    specs.addAll(halted("best-", 40, "best-effort", 0));
    specs.addAll(halted("first-", 40, "restart", 1));
    specs.addAll(halted("then-", 10, "restart", 2));
    t = RecoveryTestEnv.instrumented(threeHosts(specs), new Starts()::wrap, FanOutProbeImpl.class);
    VmBatchResult r = startAll("sched-priority", 0, VmFanOut.CHILD_THRESHOLD, Versions.SCHEDULE);
    assertEquals(130, r.applied(), r.failed().toString());

    List<Batch> sent = batches("sched-priority");
    List<String> sentOrder = sent.stream().map(Batch::group).toList();
    for (Batch b : sent) {
      if (b.group().equals("then-")) {
        long firstSent = sent.stream().filter(x -> x.group().equals("first-") && x.scheduledId() < b.scheduledId()).count();
        long firstDone = sent.stream().filter(x -> x.group().equals("first-") && x.completedId() < b.scheduledId()).count();
        assertEquals(firstSent, firstDone, "a later start order is sent only once the earlier one started");
      }
    }
    List<String> tiers = List.of("first-", "then-", "best-", "other-");
    for (int i = 1; i < sentOrder.size(); i++) {
      assertTrue(tiers.indexOf(sentOrder.get(i - 1)) <= tiers.indexOf(sentOrder.get(i)),
          "sent out of priority order at batch " + i + ": " + sentOrder);
    }
  }

  /**
   * A {@code VmStartVmsOn} batch from the history: the workflow task that sent it, the event of its
   * completion, and the name prefix of its VMs.
   */
  private record Batch(long scheduledId, long decidedIn, long completedId, String group, int size) {
    boolean inFlightAfter(long workflowTask) {
      return scheduledId > workflowTask ? false : completedId > workflowTask;
    }
  }

  private List<Batch> batches(String workflowId) {
    Map<String, String> groupOf = guests().stream().collect(Collectors.toMap(Vm::uuid,
        v -> v.nameLabel().replaceAll("[0-9]+$", "")));
    List<Batch> out = new ArrayList<>();
    for (HistoryEvent e : t.client.fetchHistory(workflowId).getHistory().getEventsList()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("VmStartVmsOn")) {
        HostStartBatch b = DefaultDataConverter.newDefaultInstance().fromPayloads(0,
            Optional.of(e.getActivityTaskScheduledEventAttributes().getInput()), HostStartBatch.class,
            HostStartBatch.class);
        Set<String> groups = b.vmUuids().stream().map(groupOf::get).collect(Collectors.toSet());
        assertEquals(1, groups.size(), "a batch holds VMs of one wave: " + groups);
        out.add(new Batch(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getWorkflowTaskCompletedEventId(),
            Long.MAX_VALUE, groups.iterator().next(), b.vmUuids().size()));
      }
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        long scheduled = e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
        out.replaceAll(x -> x.scheduledId() == scheduled
            ? new Batch(x.scheduledId(), x.decidedIn(), e.getEventId(), x.group(), x.size()) : x);
      }
    }
    return out;
  }

  /**
   * From {@link Versions#POOL_PACE}: best-effort VMs start while restart VMs of a later order
   * wait for the earlier order, but only in the places those VMs do not need, so the later order is
   * sent whole the moment the earlier one has started, and the lowest tier still waits for a place.
   */
  @Test
  void aTierWaitingOnlyForItsStartOrderHoldsBackNoLowerTierButKeepsItsPlaces() {
    List<VmSpec> specs = new ArrayList<>(halted("first-", 30, "restart", 1));
    specs.addAll(halted("then-", 15, "restart", 2));
    specs.addAll(halted("best-", 40, "best-effort", 0));
    specs.addAll(halted("other-", 6, "", 0));
    Starts starts = new Starts();
    t = RecoveryTestEnv.instrumented(threeHosts(specs), starts::wrap, FanOutProbeImpl.class);
    VmBatchResult r = startAll("sched-overlap", 0, VmFanOut.CHILD_THRESHOLD, Versions.POOL_PACE);
    assertEquals(91, r.applied(), r.failed().toString());
    starts.maxPerHost.forEach((h, max) -> assertTrue(max.get() <= 16, h + " ran " + max.get() + " starts at once"));

    List<Batch> sent = batches("sched-overlap");
    List<Batch> first = sent.stream().filter(b -> b.group().equals("first-")).toList();
    List<Batch> then = sent.stream().filter(b -> b.group().equals("then-")).toList();
    List<Batch> best = sent.stream().filter(b -> b.group().equals("best-")).toList();
    assertTrue(best.get(0).scheduledId() < then.get(0).scheduledId(),
        "best-effort VMs went while the restart tier's second order waited for its first: " + sent);
    assertTrue(first.stream().allMatch(b -> b.decidedIn() == first.get(0).decidedIn()),
        "the first order went whole at once: " + sent);
    assertTrue(then.stream().allMatch(b -> b.decidedIn() == then.get(0).decidedIn()),
        "the second order found its places kept and went whole at once: " + sent);
    for (Batch b : best) {
      if (b.scheduledId() < then.get(0).scheduledId()) {
        int inFlight = sent.stream().filter(x -> x.inFlightAfter(b.decidedIn())).mapToInt(Batch::size).sum();
        assertTrue(inFlight + 15 <= 3 * 16, "best-effort took a place kept for the second order: " + inFlight
            + " starts in flight once event " + b.decidedIn() + " sent " + b);
      }
    }
    Batch lastBest = best.get(best.size() - 1);
    assertTrue(sent.stream().filter(b -> b.group().equals("other-")).allMatch(b -> b.decidedIn() >= lastBest.decidedIn()),
        "the lowest tier waited while best-effort VMs waited for a place: " + sent);
    assertTrue(t.sim.integrityViolations().isEmpty());
  }

  @Test
  void aHostThatDiesWhileVmsAreSentToItGetsNoMoreAndItsVmsStartElsewhere() {
    Starts starts = new Starts();
    t = RecoveryTestEnv.instrumented(threeHosts(halted("vm-", 60, "", 0)), starts::wrap, FanOutProbeImpl.class);
    Host h2 = t.host("h2");
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger sentToH2 = new AtomicInteger();
    starts.onStart = host -> {
      if (host.equals(h2.uuid())) {
        sentToH2.incrementAndGet();
        if (killed.compareAndSet(false, true)) {
          t.sim.killHost(h2.uuid()); // its machine is off; the master still takes it for live
        }
      }
    };
    VmBatchResult r = startAll("sched-host-dies", 0, VmFanOut.CHILD_THRESHOLD);

    assertEquals(60, r.applied(), r.failed().toString());
    assertTrue(guests().stream().allMatch(v -> v.powerState() == PowerState.RUNNING));
    assertTrue(guests().stream().noneMatch(v -> v.residentOn().equals(h2.ref())), "nothing runs on the dead host");
    assertTrue(sentToH2.get() <= 16, "the dead host got its first slots' worth at most: " + sentToH2.get());
    assertTrue(t.sim.integrityViolations().isEmpty());
  }

  @Test
  void aScheduleTooLargeForOneHistoryIsCutByHostsAmongChildrenRunningAtOnce() {
    t = RecoveryTestEnv.instrumented(threeHosts(halted("vm-", 60, "", 0)), new Starts()::wrap,
        FanOutProbeImpl.class);
    VmBatchResult r = startAll("sched-children", 0, 20);
    assertEquals(60, r.applied(), r.failed().toString());
    for (int k = 1; k <= 3; k++) {
      String child = "sched-children/vm-start-" + k;
      assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, t.client.fetchHistory(child).getLastEvent()
          .getEventType(), child);
    }
    Map<String, Long> perHost = guests().stream().collect(Collectors.groupingBy(Vm::residentOn, Collectors.counting()));
    assertEquals(3, perHost.size(), "each child started its VMs on its own host: " + perHost);
  }

  /**
   * Children by hosts with every tier (from {@link Versions#POOL_PACE}): 3 hosts of 20 VMs of two
   * tiers under a threshold of 20 make 3 children; version 8 cut each tier apart (2 + 2 children, one
   * tier after the other).
   */
  @Test
  void aScheduleTooLargeForOneHistoryGivesEachChildItsHostsOfEveryTier() {
    List<VmSpec> specs = new ArrayList<>(halted("first-", 30, "restart", 1));
    specs.addAll(halted("best-", 30, "best-effort", 0));
    t = RecoveryTestEnv.instrumented(threeHosts(specs), new Starts()::wrap, FanOutProbeImpl.class);
    assertEquals(60, startAll("sched-tiers-children", 0, 20, Versions.POOL_PACE).applied());
    assertEquals(3, children("sched-tiers-children"), "one child per host, every tier in it");
    assertEquals(60, guests().stream().filter(v -> v.powerState() == PowerState.RUNNING).count());

    t.close();
    t = RecoveryTestEnv.instrumented(threeHosts(specs), new Starts()::wrap, FanOutProbeImpl.class);
    assertEquals(60, startAll("sched-tier-children", 0, 20, Versions.SCHEDULE).applied());
    assertEquals(4, children("sched-tier-children"), "version 8: two children per tier");
  }

  /**
   * From {@link Versions#ROLLING_STARTS}: h2 and h3 restart their agents just before the starts (as
   * members do after {@code recover_slaves}). The starts begin at once on h1, which has room for a
   * few of the VMs only; the others wait for a place, and go to h2 and h3 once they are up. Version
   * 12 sends nothing until every host is ready (and then places all on the larger h2 and h3). Either
   * way no start is refused.
   */
  @Test
  void whileTwoHostsRestartTheirAgentsTheStartsBeginOnTheReadyHostAndSpreadOnceTheOthersAreUp() {
    for (int version : List.of(Versions.ROLLING_STARTS, Versions.BROWSER_SIGNING)) {
      List<VmSpec> specs = new ArrayList<>(halted("first-", 6, "restart", 0));
      specs.addAll(halted("then-", 6, "restart", 1));
      specs.addAll(halted("best-", 12, "best-effort", 0));
      specs.replaceAll(v -> new VmSpec(v.name(), null, 8 * GIB, "Halted", null, v.haRestartPriority(), v.order(),
          null, v.disks()));
      PoolSpec spec = new PoolSpec("rolling", null, List.of(
          new HostSpec("h1", null, "127.0.40.1", 40 * GIB, null, null, true),
          new HostSpec("h2", null, "127.0.40.2", 256 * GIB, null, null, false),
          new HostSpec("h3", null, "127.0.40.3", 256 * GIB, null, null, false)),
          List.of(new SrSpec("nfs", null, "nfs", true, null, null)), specs, "nfs", false);
      t = RecoveryTestEnv.instrumented(spec, new Starts()::wrap, FanOutProbeImpl.class);
      Instant restarted = t.sim.clock().now();
      t.sim.restartAgentAt("127.0.40.2");
      t.sim.restartAgentAt("127.0.40.3");
      Instant othersUp = restarted.plus(SimTimings.defaults().agentRestart());

      VmBatchResult r = startAll("sched-rolling-" + version, 0, VmFanOut.CHILD_THRESHOLD, version, true);

      assertEquals(24, r.applied(), r.failed().toString());
      List<JournalEntry> starts = t.sim.journal().entries().stream()
          .filter(e -> e.call().equals("VM.start_on")).toList();
      assertTrue(starts.stream().allMatch(e -> e.outcome().equals(JournalEntry.OK)), "no start refused: " + starts);
      String h1 = t.host("h1").uuid();
      List<JournalEntry> early = starts.stream().filter(e -> e.at().isBefore(othersUp)).toList();
      if (version >= Versions.ROLLING_STARTS) {
        assertFalse(early.isEmpty(), "starts began while h2 and h3 restarted: " + starts);
        assertTrue(early.stream().allMatch(e -> e.args().contains(h1)), "only on the ready host: " + early);
      } else {
        assertTrue(early.isEmpty(), "version 12 waits for every host: " + early);
      }
      Map<String, String> groupOf = guests().stream().collect(Collectors.toMap(Vm::uuid,
          v -> v.nameLabel().replaceAll("[0-9]+$", "")));
      long lastFirst = starts.stream().filter(e -> groupOf.get(e.args().get(0)).equals("first-"))
          .mapToLong(JournalEntry::seq).max().orElseThrow();
      assertTrue(starts.stream().filter(e -> groupOf.get(e.args().get(0)).equals("then-"))
          .allMatch(e -> e.seq() > lastFirst), "the second start order waited for the first: " + starts);
      assertTrue(early.stream().allMatch(e -> groupOf.get(e.args().get(0)).equals("first-")),
          "while restart VMs waited for a place, no best-effort VM started: " + early);
      if (version >= Versions.ROLLING_STARTS) {
        Map<String, Long> perHost = guests().stream()
            .collect(Collectors.groupingBy(Vm::residentOn, Collectors.counting()));
        assertEquals(3, perHost.size(), "the VMs h1 had no room for went to h2 and h3: " + perHost);
      }
      assertTrue(guests().stream().allMatch(v -> v.powerState() == PowerState.RUNNING));
      assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
      t.close();
      t = null;
    }
  }

  /**
   * From {@link Versions#ROLLING_STARTS}: h2 stays disabled and h1 has room for some of the VMs only.
   * Those start at once; the others wait for a place for the readiness wait's whole patience, and
   * are then reported not restartable (no host has the memory), never sent to h2.
   */
  @Test
  void vmsOnlyASettlingHostHasRoomForWaitTheBoundedPatienceAndAreThenNotRestartable() {
    List<VmSpec> specs = new ArrayList<>(halted("vm-", 8, "restart", 0));
    specs.replaceAll(v -> new VmSpec(v.name(), null, 8 * GIB, "Halted", null, v.haRestartPriority(), v.order(),
        null, v.disks()));
    PoolSpec spec = new PoolSpec("rolling", null, List.of(
        new HostSpec("h1", null, "127.0.40.1", 40 * GIB, null, null, true),
        new HostSpec("h2", null, "127.0.40.2", 256 * GIB, null, null, false)),
        List.of(new SrSpec("nfs", null, "nfs", true, null, null)), specs, "nfs", false);
    t = RecoveryTestEnv.instrumented(spec, new Starts()::wrap, FanOutProbeImpl.class);
    String h2 = t.host("h2").uuid();
    t.sim.setHostEnabled(h2, false);
    Instant before = t.sim.clock().now();

    VmBatchResult r = startAll("sched-rolling-patience", 0, VmFanOut.CHILD_THRESHOLD, Versions.ROLLING_STARTS, true);

    assertTrue(r.applied() > 0 && r.applied() < 8, "h1 took some: " + r);
    assertEquals(8 - r.applied(), r.failed().size(), r.toString());
    assertTrue(r.failed().stream().allMatch(f -> f.code().equals(XapiErrors.HOST_NOT_ENOUGH_FREE_MEMORY)),
        r.failed().toString());
    assertTrue(t.sim.journal().entries().stream().filter(e -> e.call().equals("VM.start_on"))
        .noneMatch(e -> e.args().get(1).equals(h2)), "nothing sent to the disabled host");
    assertFalse(t.sim.clock().now().isBefore(before.plus(ReadinessWait.PATIENCE)),
        "the VMs without a place waited the whole patience: " + before + " to " + t.sim.clock().now());
  }

  private long children(String workflowId) {
    return t.client.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED).count();
  }
}
