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
 * which VMs have a suspend image on storage, and the integrity violations seen (a VM started while its domain still ran elsewhere).
 */
final class Domains {
  private static final Logger log = LoggerFactory.getLogger(Domains.class);

  /** VM uuid -> uuids of the machines where a domain of it runs (two after a split brain). */
  private final Map<String, LinkedHashSet<String>> running = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  /** VM uuids whose suspend image is on storage. */
  private final LinkedHashSet<String> suspendImages = new LinkedHashSet<>();

  void start(String vmUuid, String hostUuid) {
    running.computeIfAbsent(vmUuid, k -> new LinkedHashSet<>()).add(hostUuid);
  }

  /** A shutdown or suspend of one VM on one machine (VM.clean_shutdown, VM.hard_shutdown, VM.suspend). */
  void stop(String vmUuid, String hostUuid) {
    LinkedHashSet<String> on = running.get(vmUuid);
    if (on != null) {
      on.remove(hostUuid);
      if (on.isEmpty()) {
        running.remove(vmUuid);
      }
    }
  }

  /** A suspend wrote the VM's memory image to storage (it outlives every machine). */
  void writeSuspendImage(String vmUuid) {
    suspendImages.add(vmUuid);
  }

  /** A resume read the image back, or a hard shutdown of a suspended VM discarded it. */
  void dropSuspendImage(String vmUuid) {
    suspendImages.remove(vmUuid);
  }

  List<String> suspendImages() {
    return List.copyOf(suspendImages);
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
