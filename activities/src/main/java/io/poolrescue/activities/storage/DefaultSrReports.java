package io.poolrescue.activities.storage;

import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.pool.DefaultSrCheck;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a {@link DefaultSrReport} from a snapshot with {@link DefaultSrCheck}. A shared default SR
 * that only dead hosts lack is still usable: they are about to be forgotten, and counting them would
 * propose replacing a good SR with itself.
 */
final class DefaultSrReports {
  private DefaultSrReports() {}

  static DefaultSrReport of(PoolSnapshot s) {
    List<Host> live = s.hosts().stream().filter(Host::live).toList();
    Set<String> liveUuids = live.stream().map(Host::uuid).collect(Collectors.toSet());
    List<Sr> usable = s.srs().stream()
        .filter(Sr::shared)
        .filter(sr -> live.stream().allMatch(h -> s.srPluggedOn(sr.ref(), h.ref())))
        .sorted(Comparator.comparing(Sr::nameLabel, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Sr::uuid))
        .toList();
    DefaultSrCheck.Result check = DefaultSrCheck.evaluate(s);
    String current = null;
    String problem = null;
    if (check instanceof DefaultSrCheck.Valid v) {
      current = v.srUuid();
    } else if (check instanceof DefaultSrCheck.NotSet) {
      problem = "the pool has no default SR";
    } else if (check instanceof DefaultSrCheck.NotFound nf) {
      problem = "the default SR " + nf.srRef() + " is not in the database (" + nf.error().code() + ")";
    } else if (check instanceof DefaultSrCheck.NotShared ns) {
      current = ns.srUuid();
      problem = "the default SR " + ns.srUuid() + " (" + name(s, ns.srUuid()) + ") is local to one host";
    } else if (check instanceof DefaultSrCheck.NotPluggedEverywhere np) {
      current = np.srUuid();
      List<String> liveMissing = np.hostUuids().stream().filter(liveUuids::contains).toList();
      if (!liveMissing.isEmpty()) {
        problem = "the default SR " + np.srUuid() + " (" + name(s, np.srUuid()) + ") is not plugged on live hosts "
            + liveMissing;
      }
    }
    StateFingerprint f = new StateFingerprint().add("default " + (current == null ? check : current));
    usable.forEach(sr -> f.add("usable " + sr.uuid()));
    return new DefaultSrReport(problem == null, current, problem, usable.stream().map(Sr::uuid).toList(), f.digest());
  }

  private static String name(PoolSnapshot s, String srUuid) {
    return s.srByUuid(srUuid).map(Sr::nameLabel).orElse("?");
  }
}
