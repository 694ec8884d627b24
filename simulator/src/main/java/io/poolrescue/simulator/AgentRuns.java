package io.poolrescue.simulator;

import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Sr;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's runs: it stops (restart, reboot) and refuses connections, starts and finds its place
 * by pool.conf (master, member, emergency mode), then plugs its PBDs and enables itself.
 */
final class AgentRuns {
  private static final Logger log = LoggerFactory.getLogger(AgentRuns.class);
  static final String AGENT_RESTARTING = "agent restarting";
  static final String REBOOTING = "rebooting";

  /**
   * The agent stops now (sessions and tasks go) and refuses connections for {@code down}; then
   * {@code whenUp} runs, unless something stopped the agent again meanwhile.
   */
  static void stopFor(Site site, Machine m, Instant now, Duration down, String reason, Consumer<Instant> whenUp) {
    long token = m.stopAgent();
    m.emergency = false;
    m.busyUntil = now.plus(down);
    m.busyReason = reason;
    site.agentStoppedByCall();
    site.schedule(m.busyUntil, reason + " of " + m.uuid, t -> {
      if (m.busyToken == token && m.powered) {
        m.busyUntil = null;
        m.busyReason = null;
        whenUp.accept(t);
      }
    });
  }

  /** An agent restart (fuse and start-up) after which the agent finds its place by pool.conf. */
  static void restartAgent(Site site, Machine m, Instant now) {
    stopFor(site, m, now, site.agentDowntime(), AGENT_RESTARTING, t -> agentUp(site, m, t));
  }

  /**
   * The agent has started and reads pool.conf. A master first looks for another master of its pool
   * (check_no_other_masters) and, if one answers, becomes its member with one more restart. A member
   * says Pool.hello; when its master does not serve it stays in emergency mode and tries again.
   */
  static void agentUp(Site site, Machine m, Instant at) {
    PoolState p = m.pool;
    if (p == null) {
      return;
    }
    if (p.master == m) {
      PoolState other = anotherMaster(site, m, p.db.pool.uuid());
      if (other == null) {
        Lifecycle.masterStarted(site, p, at);
        startPlugging(site, p, m, at);
        return;
      }
      log.info("host {} found master {} of its pool at start-up: it becomes its member", m.uuid, other.master.address);
      m.pool = other;
      m.masterAddress = other.master.address;
      Lifecycle.dropOrphanPools(site);
      restartAgent(site, m, at);
      return;
    }
    memberUp(site, m, at);
  }

  private static void memberUp(Site site, Machine m, Instant at) {
    PoolState p = m.pool;
    if (masterServes(p, m)) {
      m.emergency = false;
      if (Lifecycle.hello(site, p, m, at)) {
        startPlugging(site, p, m, at);
      }
    } else {
      m.emergency = true;
      log.info("host {} cannot reach its master {}: emergency mode (HOST_STILL_BOOTING)", m.uuid, m.masterAddress);
    }
  }

  /** Members in emergency mode whose master serves again say hello. */
  static void retryHellos(Site site, Instant at) {
    for (Machine m : List.copyOf(site.machines.values())) {
      if (m.emergency && m.reachable() && !m.busy() && m.pool != null && m.pool.master != m) {
        if (masterServes(m.pool, m)) {
          memberUp(site, m, at);
        }
      }
    }
  }

  /** The master the member's pool.conf names still serves that pool. */
  private static boolean masterServes(PoolState p, Machine m) {
    return p.master != null && p.master.pool == p && p.master.serving() && p.master.address.equals(m.masterAddress);
  }

  /** Another serving master of the pool with this uuid, if any. */
  static PoolState anotherMaster(Site site, Machine m, String poolUuid) {
    for (PoolState q : site.pools) {
      if (q.master != null && q.master != m && q.master.pool == q && q.master.serving()
          && q.db.pool.uuid().equals(poolUuid)) {
        return q;
      }
    }
    return null;
  }

  /**
   * Pool.hello has set the host disabled; it plugs its PBDs one after another (pbdPlug each) and
   * then enables itself (consider_enabling_host). A PBD whose storage does not answer stays unplugged.
   */
  static void startPlugging(Site site, PoolState p, Machine m, Instant at) {
    HostRow row = p.db.hosts.byUuid(m.uuid);
    if (row == null) {
      return;
    }
    if (row.enabled()) {
      p.db.hosts.put(row.withEnabled(false));
      p.changed();
    }
    long run = m.agentRun;
    int pbds = p.db.pbdsOfHost(row.ref()).size();
    Duration plugging = site.latencies.pbdPlug().multipliedBy(pbds);
    site.schedule(at.plus(plugging), "PBD plugging of " + m.uuid, t -> {
      if (m.agentRun != run || m.pool != p || !p.db.hosts.has(row.ref())) {
        return; // the agent stopped again, or the host left: its next run plugs
      }
      plugAll(site, p, m, row.ref());
      HostRow now = p.db.hosts.get(row.ref());
      p.db.hosts.put(now.withEnabled(true));
      p.changed();
      log.info("host {} plugged its PBDs and is enabled", m.uuid);
    });
  }

  /** plug_all_pbds: each unplugged PBD of the host whose storage answers at its device_config. */
  static void plugAll(Site site, PoolState p, Machine m, String hostRef) {
    HostRow row = p.db.hosts.get(hostRef);
    for (Pbd pbd : p.db.pbdsOfHost(hostRef)) {
      Sr sr = p.db.srs.get(pbd.srRef());
      if (!pbd.currentlyAttached() && sr != null
          && StorageOps.storageProblem(site, m, sr, pbd.deviceConfig()) == null) {
        StorageOps.plugEffect(p.db, pbd, row);
      }
    }
  }

  private AgentRuns() {}
}
