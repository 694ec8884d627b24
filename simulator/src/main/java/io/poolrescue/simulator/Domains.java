package io.poolrescue.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Physical truth, kept apart from every database: which machines really run a domain of each VM,
 * and the integrity violations seen (a VM started while its domain still ran elsewhere).
 */
final class Domains {
  private static final Logger log = LoggerFactory.getLogger(Domains.class);

  /** VM uuid -> uuids of the machines where a domain of it runs (two after a split brain). */
  private final Map<String, LinkedHashSet<String>> running = new HashMap<>();
  private final List<String> violations = new ArrayList<>();

  void start(String vmUuid, String hostUuid) {
    running.computeIfAbsent(vmUuid, k -> new LinkedHashSet<>()).add(hostUuid);
  }

  /** Power loss, reboot or fencing: every domain on the machine is gone. */
  void killAllOn(String hostUuid) {
    running.values().forEach(s -> s.remove(hostUuid));
    running.values().removeIf(LinkedHashSet::isEmpty);
  }

  boolean runsOn(String vmUuid, String hostUuid) {
    LinkedHashSet<String> on = running.get(vmUuid);
    return on != null && on.contains(hostUuid);
  }

  /** The machines where the VM runs, oldest start first. */
  List<String> hostsOf(String vmUuid) {
    LinkedHashSet<String> on = running.get(vmUuid);
    return on == null ? List.of() : List.copyOf(on);
  }

  /** VM uuid -> the machine of its latest start. */
  Map<String, String> latest() {
    Map<String, String> out = new LinkedHashMap<>();
    running.forEach((vm, hosts) -> {
      String last = null;
      for (String h : hosts) {
        last = h;
      }
      if (last != null) {
        out.put(vm, last);
      }
    });
    return out;
  }

  void violation(String what) {
    log.warn("integrity violation: {}", what);
    violations.add(what);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }
}
