package io.poolrescue.workflows.fanout;

import io.poolrescue.activities.inspection.HostReadiness;
import io.poolrescue.activities.inspection.ReadinessReport;
import io.poolrescue.activities.vm.HostStartBatch;
import io.poolrescue.activities.vm.NotRestartable;
import io.poolrescue.activities.vm.PlacedVm;
import io.poolrescue.activities.vm.ScheduledWave;
import io.poolrescue.activities.vm.StartBatch;
import io.poolrescue.activities.vm.StartResult;
import io.poolrescue.activities.vm.StartSchedule;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.workflows.api.Progress;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.ReadinessWait;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link StartSchedule} (deterministic, inside the workflow): each target host gets new VMs
 * as soon as it has free start slots, up to its slots, and never more than {@code cap} starts are in
 * flight in all. Within a tier, a later start order waits until the earlier one's VMs have started
 * (as XAPI starts an appliance). HA restart priority holds: no VM of a lower tier is sent while a VM
 * of a higher tier still waits for a place. Before {@link Versions#POOL_PACE} that meant every
 * VM of the higher tiers sent; from it, a higher-tier VM that waits only for its start order keeps
 * its place (its host's slot and its share of the cap are not given to a lower tier) but holds
 * nothing else back, so the tiers' start orders run side by side. A host that refuses a VM for a
 * reason of its own (it died, or it is full) gets no more: its queue goes to the others, and the
 * activity places what it refused elsewhere.
 *
 * <p>From {@link Versions#ROLLING_STARTS}, when some hosts still settle after an agent restart
 * ({@link #runRolling}), the starts begin on the hosts that are ready. VMs then get a place only
 * when they can go (each tier's current start order, into free slots); the rest wait for a place,
 * which holds the lower tiers back as before. Each batch done and each readiness poll places more,
 * and once every host is ready (or the wait's patience is spent) the VMs still waiting are placed on
 * all hosts at once.
 */
final class HostScheduledStarts {
  /** Liveness refusals: the host is gone, not merely full. */
  private static final Set<String> HOST_GONE = Set.of(XapiErrors.HOST_OFFLINE, XapiErrors.HOST_NOT_LIVE,
      XapiErrors.CANNOT_CONTACT_HOST);

  private record Queued(String vmUuid, int wave) {}

  private record InFlight(String hostUuid, int wave, List<String> vms, Promise<List<StartResult>> promise) {
    int size() {
      return vms.size();
    }
  }

  /** Readiness polls while some hosts settle, during a rolling start. */
  static final Duration ROLLING_POLL = Duration.ofSeconds(5);

  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final String poolAddress;
  private final List<String> excludedHostUuids;
  private final int cap;
  private final boolean tiersOverlap;

  private final Map<String, Deque<Queued>> queues = new LinkedHashMap<>();
  private final Map<String, Integer> free = new LinkedHashMap<>();
  private final Map<String, Integer> slots = new LinkedHashMap<>();
  private final Set<String> retired = new HashSet<>();
  private final List<InFlight> inFlight = new ArrayList<>();
  private int[] waveTier;
  private int[] waiting; // per wave: VMs not yet sent
  private int[] unfinished; // per wave: VMs sent or waiting, not yet done
  private int running;

  private final List<StartResult> results = new ArrayList<>();
  private int failed;
  private int total;

  // a rolling start (hosts still settling): VMs waiting for a place, per wave, and what placing needs
  private final Map<String, Integer> waveOfVm = new HashMap<>();
  private final Map<String, Long> memoryOf = new HashMap<>();
  private List<List<String>> unplaced = List.of();
  private final List<NotRestartable> refused = new ArrayList<>();
  private int unchangedLater;
  private boolean rolling;
  private List<String> settling = List.of();
  private long rollingSince;
  private Promise<Void> tick;

  HostScheduledStarts(ActivityStubs acts, RunStatusRecorder status, String poolAddress,
      List<String> excludedHostUuids, int cap) {
    this.acts = acts;
    this.status = status;
    this.poolAddress = poolAddress;
    this.excludedHostUuids = excludedHostUuids;
    this.cap = Math.max(1, cap);
    this.tiersOverlap = acts.version() >= Versions.POOL_PACE;
  }

  VmBatchResult run(StartSchedule schedule) {
    load(schedule);
    while (true) {
      if (tiersOverlap) {
        dispatchByWave();
      } else {
        dispatch();
      }
      if (inFlight.isEmpty()) {
        break;
      }
      awaitOne();
    }
    return VmBatchResult.ofStarts(results);
  }

  /**
   * A start while hosts settle: {@code first} places what can go now on the ready hosts (a
   * {@link StartBatch#roomNowOnly()} schedule of every VM), {@code readiness} says which hosts settle.
   */
  VmBatchResult runRolling(StartSchedule first, ReadinessReport readiness) {
    load(first);
    rolling = true;
    rollingSince = Workflow.currentTimeMillis();
    settling = settlingUuids(readiness);
    status.running(status.current(), "starting VMs on the " + readiness.readyCount() + " ready host(s) while "
        + settling.size() + " settle: " + ReadinessWait.describe(readiness));
    while (true) {
      dispatchByWave();
      if (inFlight.isEmpty() && (!rolling || unplacedCount() == 0)) {
        break;
      }
      if (rolling && tick == null) {
        tick = Workflow.newTimer(ROLLING_POLL);
      }
      boolean someDone = awaitAny();
      if (rolling && tick.isCompleted()) {
        tick = null;
        pollReadiness();
      } else if (rolling && someDone) {
        placeWhatCanGo();
      }
    }
    VmBatchResult started = VmBatchResult.ofStarts(results);
    return started.plus(new VmBatchResult(0, unchangedLater, List.of(), refused));
  }

  private void load(StartSchedule schedule) {
    List<ScheduledWave> waves = schedule.waves();
    waveTier = new int[waves.size()];
    waiting = new int[waves.size()];
    unfinished = new int[waves.size()];
    unplaced = new ArrayList<>();
    for (int w = 0; w < waves.size(); w++) {
      waveTier[w] = waves.get(w).tier();
      unplaced.add(new ArrayList<>(waves.get(w).waiting()));
      for (String vm : waves.get(w).waiting()) {
        waveOfVm.put(vm, w);
      }
      waiting[w] += waves.get(w).waiting().size();
      unfinished[w] += waves.get(w).waiting().size();
      total += waves.get(w).waiting().size();
      for (PlacedVm p : waves.get(w).vms()) {
        queues.computeIfAbsent(p.hostUuid(), h -> new ArrayDeque<>()).add(new Queued(p.vmUuid(), w));
        memoryOf.put(p.vmUuid(), p.memoryBytes());
        waiting[w]++;
        unfinished[w]++;
        total++;
      }
    }
    addSlots(schedule);
  }

  private void addSlots(StartSchedule schedule) {
    schedule.slotsByHost().forEach((h, n) -> slots.putIfAbsent(h, Math.max(1, n)));
    queues.keySet().forEach(h -> {
      slots.putIfAbsent(h, 1);
      free.putIfAbsent(h, slots.get(h));
    });
  }

  /** A readiness poll: once nothing settles any more (or the patience is spent), every VM left is placed. */
  private void pollReadiness() {
    ReadinessReport r = acts.inspect.readiness(poolAddress, excludedHostUuids);
    long waited = (Workflow.currentTimeMillis() - rollingSince) / 1000;
    boolean patienceSpent = waited >= ReadinessWait.PATIENCE.toSeconds();
    if (r.settled() || patienceSpent) {
      rolling = false;
      List<String> notAnswering = patienceSpent ? r.notAnsweringUuids() : List.of();
      if (patienceSpent && !r.settled()) {
        status.warn("after " + waited + " s some hosts are still not ready for VM starts; placing the "
            + unplacedCount() + " VM(s) left on the ready hosts: " + ReadinessWait.describe(r));
      } else {
        status.running(status.current(), "every host is ready after " + waited + " s; placing the "
            + unplacedCount() + " VM(s) left on all hosts");
      }
      place(allUnplaced(), notAnswering, List.of(), false);
      return;
    }
    if (r.masterProblem() == null) { // a master that does not answer now would not place anything either
      settling = settlingUuids(r);
      placeWhatCanGo();
    }
  }

  /** Places, into free slots of ready hosts, the waiting VMs whose start order has come. */
  private void placeWhatCanGo() {
    List<String> vms = new ArrayList<>();
    for (int w = 0; w < unplaced.size(); w++) {
      if (!unplaced.get(w).isEmpty() && orderReached(w)) {
        vms.addAll(unplaced.get(w));
      }
    }
    if (!vms.isEmpty()) {
      place(vms, List.of(), settling, true);
    }
  }

  /** Asks the pool where {@code vms} go now, counting the slots and memory this run already holds. */
  private void place(List<String> vms, List<String> alsoExcluded, List<String> settlingHosts, boolean roomNowOnly) {
    if (vms.isEmpty()) {
      return;
    }
    Map<String, Integer> busy = new LinkedHashMap<>();
    Map<String, Long> promised = new LinkedHashMap<>();
    queues.forEach((h, q) -> {
      busy.put(h, slots.get(h) - free.get(h) + q.size());
      q.forEach(x -> promised.merge(h, memoryOf.getOrDefault(x.vmUuid(), 0L), Long::sum));
    });
    inFlight.forEach(f -> f.vms().forEach(v -> promised.merge(f.hostUuid(), memoryOf.getOrDefault(v, 0L), Long::sum)));
    List<String> excluded = new ArrayList<>(excludedHostUuids);
    excluded.addAll(retired);
    excluded.addAll(alsoExcluded);
    StartSchedule s = acts.vm.scheduleStarts(new StartBatch(poolAddress, excluded, vms, settlingHosts, busy, promised,
        roomNowOnly));
    for (ScheduledWave wave : s.waves()) {
      for (PlacedVm p : wave.vms()) {
        int w = waveOfVm.get(p.vmUuid());
        unplaced.get(w).remove(p.vmUuid());
        memoryOf.put(p.vmUuid(), p.memoryBytes());
        insertInWaveOrder(queues.computeIfAbsent(p.hostUuid(), h -> new ArrayDeque<>()), new Queued(p.vmUuid(), w));
      }
    }
    addSlots(s);
    s.alreadyRunning().forEach(vm -> {
      if (drop(vm)) {
        unchangedLater++;
      }
    });
    s.notRestartable().forEach(n -> {
      if (drop(n.vmUuid())) {
        refused.add(n);
        status.warn("not restartable: " + n.describe());
      }
    });
  }

  /** A waiting VM that needs no start any more (running already, or not restartable). */
  private boolean drop(String vm) {
    Integer w = waveOfVm.get(vm);
    if (w == null || !unplaced.get(w).remove(vm)) {
      return false;
    }
    waiting[w]--;
    unfinished[w]--;
    total--;
    return true;
  }

  private List<String> allUnplaced() {
    return unplaced.stream().flatMap(List::stream).toList();
  }

  private int unplacedCount() {
    return unplaced.stream().mapToInt(List::size).sum();
  }

  private static List<String> settlingUuids(ReadinessReport r) {
    return r.settling().stream().map(HostReadiness::uuid).toList();
  }

  /** Sends every VM that may go now: its wave's turn has come, its host has free slots, the cap allows. */
  private void dispatch() {
    boolean sent;
    do { // again after a pass that sent VMs: a wave's last VM sent may open the next wave on hosts passed already
      sent = false;
      for (Map.Entry<String, Deque<Queued>> e : queues.entrySet()) {
        sent |= dispatchTo(e.getKey(), e.getValue());
      }
    } while (sent);
  }

  private boolean dispatchTo(String host, Deque<Queued> queue) {
    boolean sent = false;
    int batchMax = Math.max(1, (slots.get(host) + 1) / 2); // two batches a host: slots free up in halves
    while (!queue.isEmpty() && free.get(host) > 0 && running < cap && mayStart(queue.peekFirst().wave())) {
      int wave = queue.peekFirst().wave();
      int n = Math.min(Math.min(free.get(host), cap - running), batchMax);
      List<String> vms = new ArrayList<>();
      while (vms.size() < n && !queue.isEmpty() && queue.peekFirst().wave() == wave) {
        vms.add(queue.pollFirst().vmUuid());
      }
      send(host, wave, vms);
      sent = true;
    }
    return sent;
  }

  /**
   * From {@link Versions#POOL_PACE}: waves in priority order. A wave whose start order has come
   * is sent where its hosts have room beyond the places kept for the higher tiers' unsent VMs; if
   * some of its VMs still find no place, no wave after it goes.
   */
  private void dispatchByWave() {
    Map<String, int[]> keptByTier = new LinkedHashMap<>(); // per host: unsent VMs of each tier
    queues.forEach((h, q) -> {
      int[] n = new int[tierCount()];
      q.forEach(x -> n[waveTier[x.wave()]]++);
      keptByTier.put(h, n);
    });
    for (int w = 0; w < waiting.length; w++) {
      if (waiting[w] == 0 || !orderReached(w)) {
        continue;
      }
      int tier = waveTier[w];
      int keptInAll = 0;
      for (int v = 0; v < waiting.length; v++) {
        keptInAll += waveTier[v] < tier ? waiting[v] : 0;
      }
      for (Map.Entry<String, Deque<Queued>> e : queues.entrySet()) {
        int[] kept = keptByTier.get(e.getKey());
        int keptHere = 0;
        for (int u = 0; u < tier; u++) {
          keptHere += kept[u];
        }
        kept[tier] -= sendWaveTo(e.getKey(), e.getValue(), w, keptHere, keptInAll);
      }
      if (waiting[w] > 0) {
        return; // short of a place: lower tiers wait
      }
    }
  }

  /** Sends the wave's VMs queued for {@code host}, in batches, leaving the kept places free; how many went. */
  private int sendWaveTo(String host, Deque<Queued> queue, int wave, int keptHere, int keptInAll) {
    int batchMax = Math.max(1, (slots.get(host) + 1) / 2);
    int sent = 0;
    while (true) {
      int n = Math.min(Math.min(free.get(host) - keptHere, cap - running - keptInAll), batchMax);
      List<String> vms = new ArrayList<>();
      for (var it = queue.iterator(); it.hasNext() && vms.size() < n; ) {
        Queued q = it.next();
        if (q.wave() == wave) {
          vms.add(q.vmUuid());
          it.remove();
        }
      }
      if (vms.isEmpty()) {
        return sent;
      }
      send(host, wave, vms);
      sent += vms.size();
    }
  }

  private void send(String host, int wave, List<String> vms) {
    free.merge(host, -vms.size(), Integer::sum);
    running += vms.size();
    waiting[wave] -= vms.size();
    inFlight.add(new InFlight(host, wave, List.copyOf(vms), Async.function(acts.vm::startVmsOn,
        new HostStartBatch(poolAddress, excludedHostUuids, host, vms))));
  }

  /** Every earlier start order of the wave's tier has started. */
  private boolean orderReached(int wave) {
    for (int w = 0; w < wave; w++) {
      if (waveTier[w] == waveTier[wave] && unfinished[w] > 0) {
        return false;
      }
    }
    return true;
  }

  private int tierCount() {
    int max = 0;
    for (int t : waveTier) {
      max = Math.max(max, t);
    }
    return max + 1;
  }

  /** All VMs of higher tiers are sent, and those of earlier start orders of the same tier are done. */
  private boolean mayStart(int wave) {
    for (int w = 0; w < wave; w++) {
      if (waiting[w] > 0 || (waveTier[w] == waveTier[wave] && unfinished[w] > 0)) {
        return false;
      }
    }
    return true;
  }

  private void awaitOne() {
    Promise.anyOf(inFlight.stream().map(InFlight::promise).toList()).get();
    collectDone();
  }

  /** Waits for a batch or, rolling, the next readiness poll; true when a batch is done. */
  private boolean awaitAny() {
    List<Promise<?>> any = new ArrayList<>(inFlight.stream().map(InFlight::promise).toList());
    if (tick != null) {
      any.add(tick);
    }
    Promise.anyOf(any.toArray(new Promise<?>[0])).get();
    return collectDone();
  }

  private boolean collectDone() {
    boolean any = false;
    for (var it = inFlight.iterator(); it.hasNext(); ) {
      InFlight f = it.next();
      if (!f.promise().isCompleted()) {
        continue;
      }
      any = true;
      it.remove();
      free.merge(f.hostUuid(), f.size(), Integer::sum);
      running -= f.size();
      unfinished[f.wave()] -= f.size();
      List<StartResult> done = f.promise().get();
      record(done);
      if (refusedByItsHost(f.hostUuid(), done)) {
        retire(f.hostUuid());
      }
    }
    return any;
  }

  private void record(List<StartResult> done) {
    for (StartResult x : done) {
      if (x.action() == StartResult.Action.STARTED) {
        status.operation("VM.start_on", List.of(x.vmUuid(), x.hostUuid()), "ok", null);
      } else if (x.action() == StartResult.Action.FAILED) {
        failed++;
        status.warn("VM " + x.vmUuid() + " not started: " + x.errorCode() + " " + x.detail());
      }
    }
    results.addAll(done);
    status.progress(new Progress("VMs started", results.size() - failed, total, failed));
  }

  /** A VM of this host's batch went elsewhere, or failed because a host was gone. */
  private static boolean refusedByItsHost(String host, List<StartResult> done) {
    return done.stream().anyMatch(x -> (x.action() == StartResult.Action.STARTED && !host.equals(x.hostUuid()))
        || (x.action() == StartResult.Action.FAILED && HOST_GONE.contains(x.errorCode())));
  }

  /** No more VMs for {@code host}: its queue goes, VM by VM, to the host with the fewest rounds queued. */
  private void retire(String host) {
    if (!retired.add(host)) {
      return;
    }
    Deque<Queued> left = queues.get(host);
    List<String> others = queues.keySet().stream().filter(h -> !retired.contains(h)).toList();
    if (others.isEmpty() || left.isEmpty()) {
      return; // nowhere else: its VMs still go to it, and the activity places them where it can
    }
    status.warn("host " + host + " refused VMs of its batch; its " + left.size() + " queued VMs go to the other hosts");
    while (!left.isEmpty()) {
      Queued q = left.pollFirst();
      String to = others.get(0);
      for (String h : others) {
        if (roundsQueued(h) < roundsQueued(to)) {
          to = h;
        }
      }
      insertInWaveOrder(queues.get(to), q);
    }
  }

  private double roundsQueued(String host) {
    return (double) (queues.get(host).size() + slots.get(host) - free.get(host)) / slots.get(host);
  }

  private static void insertInWaveOrder(Deque<Queued> queue, Queued q) {
    List<Queued> all = new ArrayList<>(queue);
    int at = all.size();
    while (at > 0 && all.get(at - 1).wave() > q.wave()) {
      at--;
    }
    all.add(at, q);
    queue.clear();
    queue.addAll(all);
  }
}
