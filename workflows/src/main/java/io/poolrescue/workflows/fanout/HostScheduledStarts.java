package io.poolrescue.workflows.fanout;

import io.poolrescue.activities.vm.HostStartBatch;
import io.poolrescue.activities.vm.PlacedVm;
import io.poolrescue.activities.vm.ScheduledWave;
import io.poolrescue.activities.vm.StartResult;
import io.poolrescue.activities.vm.StartSchedule;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.workflows.api.Progress;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 */
final class HostScheduledStarts {
  /** Liveness refusals: the host is gone, not merely full. */
  private static final Set<String> HOST_GONE = Set.of(XapiErrors.HOST_OFFLINE, XapiErrors.HOST_NOT_LIVE,
      XapiErrors.CANNOT_CONTACT_HOST);

  private record Queued(String vmUuid, int wave) {}

  private record InFlight(String hostUuid, int wave, int size, Promise<List<StartResult>> promise) {}

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
    List<ScheduledWave> waves = schedule.waves();
    waveTier = new int[waves.size()];
    waiting = new int[waves.size()];
    unfinished = new int[waves.size()];
    for (int w = 0; w < waves.size(); w++) {
      waveTier[w] = waves.get(w).tier();
      for (PlacedVm p : waves.get(w).vms()) {
        queues.computeIfAbsent(p.hostUuid(), h -> new ArrayDeque<>()).add(new Queued(p.vmUuid(), w));
        waiting[w]++;
        unfinished[w]++;
        total++;
      }
    }
    schedule.slotsByHost().forEach((h, n) -> slots.put(h, Math.max(1, n)));
    queues.keySet().forEach(h -> {
      slots.putIfAbsent(h, 1);
      free.put(h, slots.get(h));
    });
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
    inFlight.add(new InFlight(host, wave, vms.size(), Async.function(acts.vm::startVmsOn,
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
    for (var it = inFlight.iterator(); it.hasNext(); ) {
      InFlight f = it.next();
      if (!f.promise().isCompleted()) {
        continue;
      }
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
