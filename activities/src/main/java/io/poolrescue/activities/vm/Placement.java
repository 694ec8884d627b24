package io.poolrescue.activities.vm;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a VM can run: live, enabled hosts (never an excluded one) with every SR of its disks
 * plugged and enough free memory, most free memory first. Memory handed out in this batch is
 * subtracted so one batch does not overfill a host.
 */
final class Placement {
  private final PoolSnapshot snapshot;
  private final Set<String> excludedUuids;
  private final Map<String, Long> freeByRef = new HashMap<>();

  Placement(PoolSnapshot snapshot, List<String> excludedUuids) {
    this.snapshot = snapshot;
    this.excludedUuids = Set.copyOf(excludedUuids);
    snapshot.hosts().forEach(h -> freeByRef.put(h.ref(), h.memoryFree()));
  }

  /** Live, enabled, not excluded. */
  List<Host> usableHosts() {
    return snapshot.hosts().stream()
        .filter(h -> h.live() && h.enabled() && !excludedUuids.contains(h.uuid()))
        .toList();
  }

  /** Usable hosts with every SR of the VM plugged, whatever their memory. */
  List<Host> hostsSeeingDisks(Vm vm) {
    List<Sr> srs = snapshot.srsOf(vm.ref());
    return usableHosts().stream()
        .filter(h -> srs.stream().allMatch(sr -> snapshot.srPluggedOn(sr.ref(), h.ref())))
        .toList();
  }

  /** Candidates in preference order. */
  List<Host> candidates(Vm vm) {
    return hostsSeeingDisks(vm).stream()
        .filter(h -> freeByRef.getOrDefault(h.ref(), 0L) >= vm.memory())
        .sorted(Comparator.comparingLong((Host h) -> freeByRef.getOrDefault(h.ref(), 0L)).reversed()
            .thenComparing(Host::uuid))
        .toList();
  }

  /** The SRs of the VM that no usable host has plugged. */
  List<Sr> unreachableSrs(Vm vm) {
    List<Host> usable = usableHosts();
    return snapshot.srsOf(vm.ref()).stream()
        .filter(sr -> usable.stream().noneMatch(h -> snapshot.srPluggedOn(sr.ref(), h.ref())))
        .toList();
  }

  void reserve(Host host, long memory) {
    freeByRef.merge(host.ref(), -memory, Long::sum);
  }

  /** After a refusal for memory or liveness, stop offering that host in this batch. */
  void exhaust(Host host) {
    freeByRef.put(host.ref(), Long.MIN_VALUE / 2);
  }
}
