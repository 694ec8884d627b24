package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** pool.emergency_transition_to_master and pool.recover_slaves (reference §5). */
final class MasterTransition {
  private static final Logger log = LoggerFactory.getLogger(MasterTransition.class);

  private MasterTransition() {}

  /**
   * Host-local on a member. On a host that already is a master this is a no-op (xe says "already
   * master"); the simulator accepts it so that a retried promotion is harmless.
   */
  static void emergencyTransition(Site site, Machine m, Instant now) {
    site.journaled(now, m.address, null, "pool.emergency_transition_to_master", Site.args(m.uuid), () -> {
      if (m.isMaster()) {
        log.info("host {} is already master: emergency transition is a no-op", m.uuid);
        return null;
      }
      if (m.pool != null && m.pool.db.pool.haEnabled()) {
        throw new XapiException(XapiErrors.HA_IS_ENABLED);
      }
      long token = m.stopAgent();
      m.busyUntil = now.plus(site.timings.agentRestart());
      site.schedule(m.busyUntil, "agent restart of " + m.uuid + " as master", t -> becomeMaster(site, m, token, t));
      log.info("host {} will restart its agent and become master in {}", m.uuid, site.timings.agentRestart());
      return null;
    });
  }

  /** The agent comes back as master of its local replica, which may be a few minutes stale. */
  static void becomeMaster(Site site, Machine m, long token, Instant at) {
    if (m.busyToken != token || !m.powered) {
      return;
    }
    m.busyUntil = null;
    PoolState old = m.pool;
    Db db = (m.replica != null ? m.replica : old.db).copy();
    HostRow self = db.hosts.byUuid(m.uuid);
    if (self == null) {
      log.warn("host {} is not in its own replica; it stays a member", m.uuid);
      return;
    }
    db.pool = Rows.master(db.pool, self.ref());
    PoolState np = new PoolState(db, m, at, site.timings);
    for (HostRow h : db.hosts.all()) {
      // the replica carries the live flags as of its push; every timer starts now
      np.liveness.put(h.ref(), new HostLiveness(db.liveAtCopy.getOrDefault(h.ref(), true), at));
    }
    db.liveAtCopy.clear();
    m.pool = np;
    m.masterAddress = m.address;
    m.replica = null;
    site.addPool(np);
    if (site.primary == old) {
      site.primary = np;
    }
    Lifecycle.masterStarted(site, np, at);
    Lifecycle.dropOrphanPools(site);
    log.info("POOL_MASTER_TRANSITION: host {} is now master at {}", m.uuid, m.address);
  }

  /** Points every other reachable host of this pool at this master; returns the uuids re-pointed. */
  static List<String> recoverSlaves(Ctx ctx) {
    Site site = ctx.site();
    return site.journaled(ctx, "pool.recover_slaves", List.of(), () -> {
      PoolState p = ctx.pool();
      List<String> done = new ArrayList<>();
      for (HostRow h : p.db.hosts.list()) {
        Machine m = site.machineOf(h);
        if (m == null || m == p.master || !m.reachable() || m.busy() || m.broken) {
          continue; // errors are swallowed per host
        }
        if (m.pool != null && m.pool != p && m.pool.db.pool.haEnabled()) {
          continue; // emergency_reset_master refuses HA_IS_ENABLED on an armed host
        }
        m.pool = p;
        m.masterAddress = p.master.address;
        m.replica = p.db.copy();
        Lifecycle.hello(site, p, m, ctx.now());
        done.add(h.uuid());
      }
      Lifecycle.dropOrphanPools(site);
      log.info("recover_slaves re-pointed {} host(s) at {}", done.size(), p.master.address);
      return done;
    });
  }
}
