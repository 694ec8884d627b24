package io.poolrescue.simulator;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a pool database out as an immutable {@link PoolSnapshot}. The copy is cached and reused
 * until the database changes or a host's liveness or last heartbeat does: the wire server takes one
 * per request.
 */
final class SnapshotBuilder {
  private SnapshotBuilder() {}

  static PoolSnapshot snapshot(Site site, PoolState p, Instant now) {
    List<Object> key = new ArrayList<>(1 + 2 * p.db.hosts.size());
    key.add(p.version);
    List<Boolean> live = new ArrayList<>();
    List<Instant> beats = new ArrayList<>();
    for (HostRow h : p.db.hosts.all()) {
      boolean l = Liveness.live(p, h.ref(), now, site.timings);
      Instant hb = lastHeartbeat(site, p, h, now);
      live.add(l);
      beats.add(hb);
      key.add(l);
      key.add(hb);
    }
    if (p.cached != null && key.equals(p.cachedKey)) {
      return p.cached;
    }
    Map<String, Long> used = new HashMap<>();
    for (Vm v : p.db.vms.all()) {
      if (v.residentOn() != null && Db.active(v)) {
        used.merge(v.residentOn(), v.memory(), Long::sum);
      }
    }
    List<Host> hosts = new ArrayList<>(p.db.hosts.size());
    int i = 0;
    for (HostRow h : p.db.hosts.all()) {
      long free = Math.max(0, h.memoryTotal() - used.getOrDefault(h.ref(), 0L));
      hosts.add(new Host(h.ref(), h.uuid(), h.nameLabel(), h.address(), h.enabled(), live.get(i), beats.get(i),
          h.memoryTotal(), free, h.serial()));
      i++;
    }
    PoolSnapshot s = new PoolSnapshot(now, p.db.pool, hosts, p.db.vms.list(), p.db.vbds.list(), p.db.vdis.list(),
        p.db.srs.list(), p.db.pbds.list(), p.db.pifs.list());
    p.cached = s;
    p.cachedKey = key;
    return s;
  }

  /** The master reports the time it started for itself: it never heartbeats. */
  static Instant lastHeartbeat(Site site, PoolState p, HostRow h, Instant now) {
    if (h.ref().equals(p.db.pool.masterRef())) {
      return p.gcEpoch;
    }
    HostLiveness l = p.liveness(h.ref());
    return l == null ? null : Liveness.lastHeartbeat(l, now, site.timings.heartbeatInterval());
  }
}
