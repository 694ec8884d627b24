package io.poolrescue.activities.vm;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Vm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Places VMs on hosts before any starts: in HA restart-priority order, each VM on the suitable host
 * (SRs plugged, memory free after the VMs placed before it) where it would start earliest, that is
 * the host with the fewest rounds of starts queued for its slots; ties go to the most free memory.
 * Spreading by rounds rather than by memory alone keeps one big host from becoming the long pole.
 * Slots the run already uses count as placed. With {@code roomNowOnly}, only each tier's first
 * start order is placed, and only into free slots: the rest waits for a later schedule, when the
 * hosts still settling have come up and the earlier starts are done.
 */
final class StartScheduler {
  /** What the schedule found: the placed waves, and the VMs no host has room for. */
  record Result(List<ScheduledWave> waves, List<NotRestartable> unplaced, Map<String, Integer> slotsByHost) {}

  private record WaveKey(int tier, long order) {}

  private final Placement placement;
  private final ToIntFunction<String> slotsOf;
  private final Map<String, Integer> placedOn = new HashMap<>();

  StartScheduler(Placement placement, ToIntFunction<String> slotsOf) {
    this(placement, slotsOf, Map.of());
  }

  /** {@code busySlotsByHost}: slots the run already uses, per host uuid. */
  StartScheduler(Placement placement, ToIntFunction<String> slotsOf, Map<String, Integer> busySlotsByHost) {
    this.placement = placement;
    this.slotsOf = slotsOf;
    placedOn.putAll(busySlotsByHost);
  }

  /** {@code vms}: the VMs to start (Halted, their SRs reachable), in any order. */
  Result schedule(List<Vm> vms) {
    return schedule(vms, false);
  }

  Result schedule(List<Vm> vms, boolean roomNowOnly) {
    Map<WaveKey, List<PlacedVm>> waves = new LinkedHashMap<>();
    Map<WaveKey, List<String>> waiting = new LinkedHashMap<>();
    List<NotRestartable> unplaced = new ArrayList<>();
    Map<String, Integer> slots = new LinkedHashMap<>();
    Map<Integer, Long> firstOrder = new HashMap<>();
    vms.stream()
        .sorted(Comparator.comparingInt(VmActivitiesImpl::tier).thenComparingLong(Vm::order).thenComparing(Vm::uuid))
        .forEach(vm -> {
          WaveKey key = new WaveKey(VmActivitiesImpl.tier(vm), vm.order());
          waves.computeIfAbsent(key, k -> new ArrayList<>());
          boolean now = !roomNowOnly || firstOrder.computeIfAbsent(key.tier(), t -> key.order()) == key.order();
          Host host = now ? placeOne(vm, roomNowOnly) : null;
          if (host == null && roomNowOnly) {
            waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(vm.uuid());
            return;
          }
          if (host == null) {
            unplaced.add(new NotRestartable(vm.uuid(), vm.nameLabel(), XapiErrors.HOST_NOT_ENOUGH_FREE_MEMORY,
                "no live host with its SRs plugged has " + vm.memory() + " bytes free once the VMs placed before it "
                    + "are counted"));
            return;
          }
          waves.get(key).add(new PlacedVm(vm.uuid(), host.uuid(), vm.memory()));
          slots.putIfAbsent(host.uuid(), slotsFor(host.uuid()));
        });
    List<ScheduledWave> out = new ArrayList<>();
    waves.forEach((key, placed) -> {
      List<String> w = waiting.getOrDefault(key, List.of());
      if (!placed.isEmpty() || !w.isEmpty()) {
        out.add(new ScheduledWave(key.tier(), key.order(), placed, w));
      }
    });
    return new Result(out, unplaced, slots);
  }

  /** The host with the fewest rounds queued; with {@code freeSlotOnly}, only a host with a slot free now. */
  private Host placeOne(Vm vm, boolean freeSlotOnly) {
    List<Host> candidates = placement.candidates(vm); // by free memory, most first
    Host best = null;
    int bestRound = Integer.MAX_VALUE;
    for (Host h : candidates) {
      int round = placedOn.getOrDefault(h.uuid(), 0) / slotsFor(h.uuid());
      if (freeSlotOnly && round > 0) {
        continue;
      }
      if (round < bestRound) { // strictly fewer rounds: among equals the first (most free memory) stays
        best = h;
        bestRound = round;
      }
    }
    if (best != null) {
      placement.reserve(best, vm.memory());
      placedOn.merge(best.uuid(), 1, Integer::sum);
    }
    return best;
  }

  private int slotsFor(String hostUuid) {
    return Math.max(1, slotsOf.applyAsInt(hostUuid));
  }
}
