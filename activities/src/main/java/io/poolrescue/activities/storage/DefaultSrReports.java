package io.poolrescue.activities.storage;

import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import java.util.Comparator;
import java.util.List;

/** Builds a {@link DefaultSrReport} from a snapshot: valid means shared and plugged on every live host. */
final class DefaultSrReports {
  private DefaultSrReports() {}

  static DefaultSrReport of(PoolSnapshot s) {
    List<Host> live = s.hosts().stream().filter(Host::live).toList();
    List<Sr> usable = s.srs().stream()
        .filter(Sr::shared)
        .filter(sr -> live.stream().allMatch(h -> s.srPluggedOn(sr.ref(), h.ref())))
        .sorted(Comparator.comparing(Sr::nameLabel, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Sr::uuid))
        .toList();
    String ref = s.pool().defaultSrRef();
    Sr current = s.sr(ref).orElse(null);
    String problem;
    if (ref == null || ref.isEmpty() || "OpaqueRef:NULL".equals(ref)) {
      problem = "the pool has no default SR";
    } else if (current == null) {
      problem = "the default SR " + ref + " is not in the database (DEFAULT_SR_NOT_FOUND)";
    } else if (!current.shared()) {
      problem = "the default SR " + current.uuid() + " (" + current.nameLabel() + ") is local to one host";
    } else if (!usable.contains(current)) {
      problem = "the default SR " + current.uuid() + " (" + current.nameLabel() + ") is not plugged on every live host";
    } else {
      problem = null;
    }
    StateFingerprint f = new StateFingerprint().add("default " + (current == null ? ref : current.uuid()));
    usable.forEach(sr -> f.add("usable " + sr.uuid()));
    return new DefaultSrReport(problem == null, current == null ? null : current.uuid(), problem,
        usable.stream().map(Sr::uuid).toList(), f.digest());
  }
}
