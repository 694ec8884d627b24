package io.poolrescue.activities.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.PoolSpec.DiskSpec;
import io.poolrescue.simulator.PoolSpec.HostSpec;
import io.poolrescue.simulator.PoolSpec.SrSpec;
import io.poolrescue.simulator.PoolSpec.VmSpec;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Placement before the starts: rounds of start slots, memory, HA priority. */
class StartSchedulerTest {
  private static final long GIB = 1024;

  private PoolSnapshot snapshot;

  /** Three hosts on one shared SR (h3 is small), the VMs halted. */
  private List<Vm> pool(List<VmSpec> vms) {
    PoolSpec spec = new PoolSpec("sched", null, List.of(
        new HostSpec("h1", null, "127.0.40.1", 64 * GIB, null, null, true),
        new HostSpec("h2", null, "127.0.40.2", 64 * GIB, null, null, false),
        new HostSpec("h3", null, "127.0.40.3", 12 * GIB, null, null, false)),
        List.of(new SrSpec("nfs", null, "nfs", true, null, null)), vms, "nfs", false);
    snapshot = SimulatedPool.fromSpec(spec, new ManualClock(SimulatedPool.EPOCH), SimTimings.defaults()).snapshot();
    return snapshot.vms().stream().filter(v -> !v.controlDomain()).toList();
  }

  private static List<VmSpec> halted(String prefix, int n, long memoryMiB, String priority, long order) {
    List<VmSpec> vms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      vms.add(new VmSpec(prefix + i, null, memoryMiB, "Halted", null, priority, order, null,
          List.of(new DiskSpec("nfs", null, null, null))));
    }
    return vms;
  }

  private StartScheduler.Result schedule(List<Vm> vms, Map<String, Integer> slotsByName) {
    Map<String, String> nameOf = snapshot.hosts().stream().collect(Collectors.toMap(Host::uuid, Host::nameLabel));
    return new StartScheduler(new Placement(snapshot, List.of()), uuid -> slotsByName.get(nameOf.get(uuid)))
        .schedule(vms);
  }

  /** VMs per host name. */
  private Map<String, Long> perHost(StartScheduler.Result r) {
    Map<String, String> nameOf = snapshot.hosts().stream().collect(Collectors.toMap(Host::uuid, Host::nameLabel));
    return r.waves().stream().flatMap(w -> w.vms().stream())
        .collect(Collectors.groupingBy(p -> nameOf.get(p.hostUuid()), TreeMap::new, Collectors.counting()));
  }

  @Test
  void equalHostsShareTheStartsEvenWhenOneHasMoreMemoryFree() {
    List<Vm> vms = pool(halted("vm-", 12, 1 * GIB, "", 0));
    StartScheduler.Result r = schedule(vms, Map.of("h1", 4, "h2", 4, "h3", 4));
    assertEquals(Map.of("h1", 4L, "h2", 4L, "h3", 4L), perHost(r), "one round of four on each host");
    assertTrue(r.unplaced().isEmpty());
  }

  @Test
  void aHostGetsStartsInProportionToItsSlots() {
    List<Vm> vms = pool(halted("vm-", 20, 256, "", 0));
    StartScheduler.Result r = schedule(vms, Map.of("h1", 6, "h2", 2, "h3", 2));
    // two rounds: 12 on the six-slot host, 4 on each two-slot host; nobody has a third round
    assertEquals(Map.of("h1", 12L, "h2", 4L, "h3", 4L), perHost(r));
    assertEquals(6, r.slotsByHost().get(host("h1").uuid()));
  }

  @Test
  void memoryFreeBoundsWhatAHostIsGivenAndWhatFitsNowhereIsSaid() {
    List<VmSpec> specs = new ArrayList<>(halted("big-", 3, 7 * GIB, "", 0));
    specs.addAll(halted("huge-", 1, 200 * GIB, "", 0));
    List<Vm> vms = pool(specs);
    long h3Free = host("h3").memoryFree();
    StartScheduler.Result r = schedule(vms, Map.of("h1", 1, "h2", 1, "h3", 1));
    long onH3 = perHost(r).getOrDefault("h3", 0L);
    assertTrue(onH3 * 7 * GIB * 1024 * 1024 <= h3Free, onH3 + " VMs of 7 GiB on a host with " + h3Free + " bytes free");
    assertEquals(3, perHost(r).values().stream().mapToLong(Long::longValue).sum(), "the three big VMs are placed");
    assertEquals(1, r.unplaced().size());
    assertEquals(XapiErrors.HOST_NOT_ENOUGH_FREE_MEMORY, r.unplaced().get(0).code());
  }

  @Test
  void wavesFollowHaPriorityThenOrder() {
    List<VmSpec> specs = new ArrayList<>(halted("other-", 3, 256, "", 0));
    specs.addAll(halted("late-", 2, 256, "restart", 2));
    specs.addAll(halted("best-", 2, 256, "best-effort", 0));
    specs.addAll(halted("first-", 2, 256, "restart", 1));
    List<Vm> vms = pool(specs);
    StartScheduler.Result r = schedule(vms, Map.of("h1", 16, "h2", 16, "h3", 16));
    Function<String, String> nameOfVm = uuid -> vms.stream().filter(v -> v.uuid().equals(uuid)).findFirst()
        .orElseThrow().nameLabel().replaceAll("[0-9]+$", "");
    List<String> order = r.waves().stream().map(w -> w.tier() + ":" + w.order() + ":"
        + w.vms().stream().map(p -> nameOfVm.apply(p.vmUuid())).distinct().collect(Collectors.joining())).toList();
    assertEquals(List.of("0:1:first-", "0:2:late-", "1:0:best-", "2:0:other-"), order);
  }

  /**
   * A rolling start's schedule ({@code roomNowOnly}): only each tier's first start order is placed,
   * only into slots the run does not hold already, and memory it has promised counts as taken; h2
   * settles, so nothing goes there, and what h1 has no room for waits instead of being refused.
   */
  @Test
  void aRoomNowScheduleFillsOnlyFreeSlotsOfReadyHostsWithEachTiersFirstOrderAndTheRestWaits() {
    List<VmSpec> specs = new ArrayList<>(halted("first-", 5, 1 * GIB, "restart", 1));
    specs.addAll(halted("then-", 3, 1 * GIB, "restart", 2));
    specs.addAll(halted("best-", 4, 1 * GIB, "best-effort", 0));
    List<Vm> vms = pool(specs);
    Map<String, String> nameOf = snapshot.hosts().stream().collect(Collectors.toMap(Host::uuid, Host::nameLabel));
    Placement placement = new Placement(snapshot, List.of(host("h3").uuid()), List.of(host("h2").uuid()));
    // h1: 6 slots of which the run holds 2, and the memory it has promised leaves room for three VMs
    long promised = host("h1").memoryFree() - 3 * GIB * 1024 * 1024;
    placement.promise(host("h1").uuid(), promised);
    StartScheduler.Result r = new StartScheduler(placement, uuid -> 6, Map.of(host("h1").uuid(), 2))
        .schedule(vms, true);

    assertEquals(Map.of("h1", 3L), perHost(r), "memory left for three on the ready host, nothing on h2: " + r);
    Map<String, List<String>> placedByWave = new TreeMap<>();
    Map<String, Integer> waitingByWave = new TreeMap<>();
    r.waves().forEach(w -> {
      placedByWave.put(w.tier() + "/" + w.order(), w.vms().stream().map(p -> nameOf.get(p.hostUuid())).toList());
      waitingByWave.put(w.tier() + "/" + w.order(), w.waiting().size());
    });
    assertEquals(List.of("h1", "h1", "h1"), placedByWave.get("0/1"), "the restart tier's first order first");
    assertEquals(Map.of("0/1", 2, "0/2", 3, "1/0", 4), waitingByWave, "the rest waits, none refused");
    assertTrue(r.unplaced().isEmpty());
    assertTrue(r.waves().stream().flatMap(w -> w.vms().stream()).allMatch(p -> p.memoryBytes() == GIB * 1024 * 1024),
        "each placed VM carries its memory for the next schedule's promise");
  }

  /** A VM whose SR only a settling host has is not called unreachable: it waits for that host. */
  @Test
  void aVmOnlyASettlingHostCanRunWaitsForIt() {
    PoolSpec spec = new PoolSpec("sched", null, List.of(
        new HostSpec("h1", null, "127.0.40.1", 64 * GIB, null, null, true),
        new HostSpec("h2", null, "127.0.40.2", 64 * GIB, null, null, false)),
        List.of(new SrSpec("nfs", null, "nfs", true, null, null), new SrSpec("local-h2", null, "ext", false, "h2", null)),
        List.of(new VmSpec("vm-local", null, GIB, "Halted", null, "", 0L, null,
            List.of(new DiskSpec("local-h2", null, null, null)))), "nfs", false);
    snapshot = SimulatedPool.fromSpec(spec, new ManualClock(SimulatedPool.EPOCH), SimTimings.defaults()).snapshot();
    Vm vm = snapshot.vms().stream().filter(v -> !v.controlDomain()).findFirst().orElseThrow();

    Placement settling = new Placement(snapshot, List.of(), List.of(host("h2").uuid()));
    assertTrue(settling.unreachableSrs(vm).isEmpty(), "h2 will plug its local SR once it is up");
    assertTrue(settling.waitsForSettlingHost(vm));
    assertTrue(settling.candidates(vm).isEmpty(), "but nothing is placed on h2 while it settles");
    Placement excluded = new Placement(snapshot, List.of(host("h2").uuid()));
    assertEquals(1, excluded.unreachableSrs(vm).size(), "an excluded host does not count");
  }

  private Host host(String name) {
    return snapshot.hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst().orElseThrow();
  }
}
