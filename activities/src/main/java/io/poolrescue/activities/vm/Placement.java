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
 * subtracted so one batch does not overfill a host. Settling hosts (restarting their agent, or
 * plugging their PBDs) take nothing now, but a VM whose SRs only they have still counts as one that
 * can run: it waits for them.
 */
final class Placement {
  private final PoolSnapshot snapshot;
  private final Set<String> excludedUuids;
  private final Set<String> settlingUuids;
  private final Map<String, Long> freeByRef = new HashMap<>();

  Placement(PoolSnapshot snapshot, List<String> excludedUuids) {
    this(snapshot, excludedUuids, List.of());
  }

  Placement(PoolSnapshot snapshot, List<String> excludedUuids, List<String> settlingUuids) {
    this.snapshot = snapshot;
    this.excludedUuids = Set.copyOf(excludedUuids);
    this.settlingUuids = Set.copyOf(settlingUuids);
    snapshot.hosts().forEach(h -> freeByRef.put(h.ref(), h.memoryFree()));
  }

  /** Live, enabled, neither excluded nor settling. */
  List<Host> usableHosts() {
    return snapshot.hosts().stream()
        .filter(h -> h.live() && h.enabled() && !excludedUuids.contains(h.uuid()) && !settlingUuids.contains(h.uuid()))
        .toList();
  }

  /** Live settling hosts, not excluded: usable once they are ready. */
  private List<Host> settlingHosts() {
    return snapshot.hosts().stream()
        .filter(h -> h.live() && settlingUuids.contains(h.uuid()) && !excludedUuids.contains(h.uuid()))
        .toList();
  }

  /** A settling host has a PBD for the SR, plugged or not: its start-up plugs it. */
  private boolean willSee(Sr sr, Host settling) {
    return snapshot.pbdsOfHost(settling.ref()).stream().anyMatch(p -> p.srRef().equals(sr.ref()));
  }

  /** No host can run the VM now, but a settling one may once it is ready. */
  boolean waitsForSettlingHost(Vm vm) {
    List<Sr> srs = snapshot.srsOf(vm.ref());
    return settlingHosts().stream().anyMatch(h -> srs.stream().allMatch(sr -> willSee(sr, h)));
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

  /** The SRs of the VM that no usable host has plugged, nor any settling host will. */
  List<Sr> unreachableSrs(Vm vm) {
    List<Host> usable = usableHosts();
    List<Host> settling = settlingHosts();
    return snapshot.srsOf(vm.ref()).stream()
        .filter(sr -> usable.stream().noneMatch(h -> snapshot.srPluggedOn(sr.ref(), h.ref()))
            && settling.stream().noneMatch(h -> willSee(sr, h)))
        .toList();
  }

  /** Memory the run has promised to a host by uuid (starts sent or queued, not yet in the snapshot). */
  void promise(String hostUuid, long memory) {
    snapshot.hostByUuid(hostUuid).ifPresent(h -> reserve(h, memory));
  }

  void reserve(Host host, long memory) {
    freeByRef.merge(host.ref(), -memory, Long::sum);
  }

  /** After a refusal for memory or liveness, stop offering that host in this batch. */
  void exhaust(Host host) {
    freeByRef.put(host.ref(), Long.MIN_VALUE / 2);
  }
}
