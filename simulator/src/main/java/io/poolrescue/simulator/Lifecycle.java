package io.poolrescue.simulator;

import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a host's agent does when it (re)starts: Pool.hello to its master, resync of its own VMs and locks. */
final class Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);
  private Lifecycle() {}

  /**
   * Pool.hello accepted: the master marks the host live at once and restarts its heartbeat timer.
   * Returns false when the master does not know the host (HOST_UNKNOWN_TO_MASTER).
   */
  static boolean hello(Site site, PoolState p, Machine m, Instant at) {
    HostRow row = p.db.hosts.byUuid(m.uuid);
    if (row == null) {
      m.unknownToMaster = true;
      log.info("host {} said hello to a master that does not know it: HOST_UNKNOWN_TO_MASTER", m.uuid);
      return false;
    }
    m.unknownToMaster = false;
    HostLiveness l = p.liveness.computeIfAbsent(row.ref(), r -> new HostLiveness(true, at));
    l.flag = true;
    l.flagAt = at;
    l.holdDead = false;
    l.lastHb = at;
    l.haLive = true;
    resync(site, p, row, m);
    p.changed();
    log.info("host {} ({}) is live again", m.uuid, row.nameLabel());
    return true;
  }

  /**
   * The agent compares the database with the domains that really run on its machine: VMs it no
   * longer runs become Halted, VMs it runs are Running here, and its own stale SM locks go
   * (storage_access refresh_local_vdi_activations).
   */
  static void resync(Site site, PoolState p, HostRow row, Machine m) {
    Db db = p.db;
    for (Vm vm : db.vms.list()) {
      if (vm.controlDomain()) {
        continue;
      }
      boolean runsHere = site.domains.runsOn(vm.uuid(), m.uuid);
      if (row.ref().equals(vm.residentOn()) && Db.active(vm) && !runsHere) {
        VmOps.resetToHalted(db, vm);
      } else if (runsHere && !(row.ref().equals(vm.residentOn()) && Db.active(vm))) {
        db.vms.put(Rows.power(vm, PowerState.RUNNING, row.ref()));
        for (Vbd b : db.vbdsOf(vm)) {
          db.vbds.put(Rows.attached(b, true));
        }
      }
    }
    String own = Vdi.lockKey(row.ref());
    for (Vdi vdi : db.vdis.list()) {
      if (vdi.smConfig().containsKey(own) && !usedHere(site, db, vdi, m)) {
        db.vdis.put(Rows.withoutKey(vdi, own));
      }
    }
  }

  private static boolean usedHere(Site site, Db db, Vdi vdi, Machine m) {
    for (Vbd b : db.vbdsOfVdi(vdi.ref())) {
      Vm vm = db.vms.get(b.vmRef());
      if (vm != null && site.domains.runsOn(vm.uuid(), m.uuid)) {
        return true;
      }
    }
    return false;
  }

  /** A master's agent starts: it is live in its own DB, and every member's 600 s timer starts now. */
  static void masterStarted(Site site, PoolState p, Instant at) {
    p.gcEpoch = at;
    for (HostLiveness l : p.liveness.values()) {
      l.flagAt = at;
      l.lastHb = at;
    }
    HostRow self = p.db.hosts.byUuid(p.master.uuid);
    if (self != null) {
      resync(site, p, self, p.master);
    }
    p.changed();
  }

  /** Drops pools that no machine serves or follows any more. */
  static void dropOrphanPools(Site site) {
    site.pools.removeIf(p -> site.machines.values().stream().noneMatch(m -> m.pool == p) && p != site.primary);
  }
}
