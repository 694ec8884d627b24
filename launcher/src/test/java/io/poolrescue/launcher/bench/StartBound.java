package io.poolrescue.launcher.bench;

import io.poolrescue.activities.vm.VmActivitiesImpl;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The least time the pool itself needs after a run's last approval, whatever placement the run
 * chooses: the serial pool steps that follow that approval, then the VM starts. Each host runs
 * {@code startsPerHost} starts at once and every start takes {@code vmStart}, so starts go in rounds
 * of the surviving hosts' combined slots. Within an HA tier a later start order begins only once the
 * earlier order has started (XAPI's appliance order), so a tier takes the sum of its orders' rounds;
 * tiers themselves only wait for the higher tier to be sent, so they may overlap: the starts take
 * the longer of the longest tier and all the starts in rounds.
 *
 * @param serial the pool steps between the last approval and the first start (e.g. host.destroy)
 * @param starts the VM starts
 */
record StartBound(Duration serial, Duration starts) {

  /** The bound for starting {@code toStart} on {@code hosts} surviving hosts, after {@code serial}. */
  static StartBound of(Duration serial, List<Vm> toStart, int hosts, int startsPerHost, Duration vmStart) {
    if (toStart.isEmpty()) {
      return new StartBound(serial, Duration.ZERO);
    }
    if (hosts < 1) {
      throw new IllegalArgumentException("no surviving host to start " + toStart.size() + " VMs on");
    }
    long slots = (long) hosts * startsPerHost;
    Map<Integer, Map<Long, Integer>> waves = new TreeMap<>();
    for (Vm vm : toStart) {
      waves.computeIfAbsent(VmActivitiesImpl.tier(vm), t -> new TreeMap<>()).merge(vm.order(), 1, Integer::sum);
    }
    long longestTier = 0;
    for (Map<Long, Integer> orders : waves.values()) {
      long rounds = orders.values().stream().mapToLong(n -> rounds(n, slots)).sum();
      longestTier = Math.max(longestTier, rounds);
    }
    long rounds = Math.max(longestTier, rounds(toStart.size(), slots));
    return new StartBound(serial, vmStart.multipliedBy(rounds));
  }

  private static long rounds(long vms, long slots) {
    return (vms + slots - 1) / slots;
  }

  Duration total() {
    return serial.plus(starts);
  }
}
