package io.poolrescue.workflows.fanout;

import io.poolrescue.activities.vm.PlacedVm;
import io.poolrescue.activities.vm.ScheduledWave;
import io.poolrescue.activities.vm.StartSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a schedule too large for one history is cut: hosts in groups of bounded VM counts, per tier
 * (version 8) or with all their tiers (version 11).
 */
final class StartGroups {
  private StartGroups() {}

  /** Hosts that start their VMs in one child, and those VMs in the schedule's order. */
  record Group(Set<String> hosts, List<String> vms) {}

  /** Tier by tier (in order), hosts in groups of at most {@code max} VMs (a host with more is a group alone). */
  static List<List<Group>> byTierAndHosts(StartSchedule schedule, int max) {
    Map<Integer, Map<String, List<String>>> byTier = new LinkedHashMap<>();
    for (ScheduledWave w : schedule.waves()) {
      Map<String, List<String>> hosts = byTier.computeIfAbsent(w.tier(), t -> new LinkedHashMap<>());
      for (PlacedVm p : w.vms()) {
        hosts.computeIfAbsent(p.hostUuid(), h -> new ArrayList<>()).add(p.vmUuid());
      }
    }
    return byTier.values().stream().map(hosts -> groups(hosts, max)).toList();
  }

  /**
   * From {@code Versions.POOL_PACE}: one round of groups, each host with all its VMs of every
   * tier, so that each child keeps its hosts' tiers overlapping.
   */
  static List<List<Group>> byHosts(StartSchedule schedule, int max) {
    Map<String, List<String>> hosts = new LinkedHashMap<>();
    for (ScheduledWave w : schedule.waves()) {
      for (PlacedVm p : w.vms()) {
        hosts.computeIfAbsent(p.hostUuid(), h -> new ArrayList<>()).add(p.vmUuid());
      }
    }
    return List.of(groups(hosts, max));
  }

  private static List<Group> groups(Map<String, List<String>> hosts, int max) {
    List<Group> groups = new ArrayList<>();
    Set<String> groupHosts = new LinkedHashSet<>();
    List<String> groupVms = new ArrayList<>();
    for (Map.Entry<String, List<String>> h : hosts.entrySet()) {
      if (!groupVms.isEmpty() && groupVms.size() + h.getValue().size() > max) {
        groups.add(new Group(Set.copyOf(groupHosts), List.copyOf(groupVms)));
        groupHosts.clear();
        groupVms.clear();
      }
      groupHosts.add(h.getKey());
      groupVms.addAll(h.getValue());
    }
    if (!groupVms.isEmpty()) {
      groups.add(new Group(Set.copyOf(groupHosts), List.copyOf(groupVms)));
    }
    return groups;
  }
}
