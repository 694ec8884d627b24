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
   * Host-local, an emergency call. After the local HA check the host becomes master unconditionally:
   * its agent restarts, even on the current master (xe's "already master" is the CLI's own check).
   */
  static void emergencyTransition(Site site, Machine m, Instant now) {
    site.journaled(now, m.address, null, "pool.emergency_transition_to_master", Site.args(m.uuid), () -> {
      if (m.pool != null && m.pool.db.pool.haEnabled()) {
        throw new XapiException(XapiErrors.HA_IS_ENABLED);
      }
      AgentRuns.stopFor(site, m, now, site.agentDowntime(), AgentRuns.AGENT_RESTARTING, t -> becomeMaster(site, m, t));
      log.info("host {} will restart its agent and become master in {}", m.uuid, site.agentDowntime());
      return null;
    });
  }

  /**
   * The agent comes back as master of its local replica, which may be a few minutes stale. If
   * another master of the pool answers (check_no_other_masters), it becomes that master's member.
   */
  static void becomeMaster(Site site, Machine m, Instant at) {
    if (m.isMaster()) {
      AgentRuns.agentUp(site, m, at);
      return;
    }
    PoolState old = m.pool;
    PoolState other = AgentRuns.anotherMaster(site, m, old.db.pool.uuid());
    if (other != null) {
      log.info("host {} found master {} of its pool at start-up: it stays a member", m.uuid, other.master.address);
      m.pool = other;
      m.masterAddress = other.master.address;
      AgentRuns.restartAgent(site, m, at);
      return;
    }
    Db db = (m.replica != null ? m.replica : old.db).copy();
    HostRow self = db.hosts.byUuid(m.uuid);
    if (self == null) {
      log.warn("host {} is not in its own replica; it stays a member", m.uuid);
      AgentRuns.agentUp(site, m, at);
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
    AgentRuns.startPlugging(site, np, m, at);
    Lifecycle.dropOrphanPools(site);
    log.info("POOL_MASTER_TRANSITION: host {} is now master at {}", m.uuid, m.address);
  }

  /**
   * Calls pool.emergency_reset_master, one host after another, on every host of the database but
   * the master, with no live check: a host already following this master is a no-op, an HA-armed
   * one refuses HA_IS_ENABLED, the others rewrite pool.conf and restart their agent. Errors (no
   * connection, HA) are swallowed per host. Returns the uuids of the hosts where the call succeeded.
   */
  static List<String> recoverSlaves(Ctx ctx) {
    Site site = ctx.site();
    return site.journaled(ctx, "pool.recover_slaves", List.of(), () -> {
      PoolState p = ctx.pool();
      List<String> done = new ArrayList<>();
      for (HostRow h : p.db.hosts.list()) {
        Machine m = site.machineOf(h);
        if (m == null || m == p.master || !m.reachable() || m.busy()) {
          continue; // no connection: the error is swallowed
        }
        if (m.pool != null && m.pool.db.pool.haEnabled()) {
          site.journal.record(ctx.now(), "pool.emergency_reset_master", m.address, Site.args(p.master.address),
              XapiErrors.HA_IS_ENABLED);
          continue;
        }
        site.journal.record(ctx.now(), "pool.emergency_reset_master", m.address, Site.args(p.master.address),
            JournalEntry.OK);
        done.add(h.uuid());
        if (m.pool == p && p.master.address.equals(m.masterAddress)) {
          continue; // already points at this master
        }
        m.pool = p;
        m.masterAddress = p.master.address;
        m.replica = p.db.copy();
        m.unknownToMaster = false;
        AgentRuns.restartAgent(site, m, ctx.now());
      }
      Lifecycle.dropOrphanPools(site);
      log.info("recover_slaves reset {} host(s) to {}", done.size(), p.master.address);
      return done;
    });
  }
}
