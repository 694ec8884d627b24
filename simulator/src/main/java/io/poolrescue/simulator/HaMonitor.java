package io.poolrescue.simulator;

import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What xhad and xapi's HA code do by themselves once a host has been out of the liveset for the HA
 * timeout (reference §1, §5): fence it, elect a new master if it was the master, reset its VMs and
 * restart the protected ones elsewhere.
 */
final class HaMonitor {
  private static final Logger log = LoggerFactory.getLogger(HaMonitor.class);

  private HaMonitor() {}

  static void check(Site site, PoolState p, String hostRef, Instant at) {
    HostLiveness l = p.liveness(hostRef);
    HostRow host = p.db.hosts.get(hostRef);
    if (l == null || host == null) {
      return;
    }
    l.haCheckScheduled = false;
    Machine m = site.machineOf(host);
    if (!site.pools.contains(p) || !p.db.pool.haEnabled() || !l.haLive || (m != null && m.reachable())) {
      return;
    }
    fence(site, p, host, m, at);
  }

  private static void fence(Site site, PoolState p, HostRow host, Machine m, Instant at) {
    Db db = p.db;
    p.liveness(host.ref()).haLive = false;
    if (m != null && m.powered) {
      // cut off from the liveset, the host fences itself: its domains die with it
      site.domains.killAllOn(m.uuid);
    }
    log.info("HA: host {} ({}) left the liveset and is fenced", host.uuid(), host.nameLabel());
    if (host.ref().equals(db.pool.masterRef())) {
      elect(site, p, at);
    }
    // the host-pre-declare-dead hook (10resetvdis) releases the dead host's locks
    for (Vdi vdi : db.vdis.list()) {
      if (vdi.lockedBy(host.ref())) {
        db.vdis.put(Rows.withoutKey(vdi, Vdi.lockKey(host.ref())));
      }
    }
    List<Vm> toRestart = new ArrayList<>();
    for (Vm vm : db.residentVms(host.ref())) {
      VmOps.resetToHalted(db, vm);
      if (vm.haProtected()) {
        toRestart.add(db.vms.get(vm.ref()));
      }
    }
    toRestart.sort(Comparator.comparingLong(Vm::order).thenComparing(Vm::nameLabel));
    if (p.master == null || !p.master.serving()) {
      log.warn("HA: no master to restart {} protected VM(s)", toRestart.size());
      p.changed();
      return;
    }
    for (Vm vm : toRestart) {
      restart(site, p, vm, at);
    }
    p.changed();
  }

  /** The first live, serving member by uuid wins; its database is current (HA keeps a redo log). */
  private static void elect(Site site, PoolState p, Instant at) {
    Machine winner = p.db.hosts.all().stream()
        .filter(h -> !h.ref().equals(p.db.pool.masterRef()))
        .filter(h -> p.liveness(h.ref()) != null && p.liveness(h.ref()).haLive)
        .map(site::machineOf)
        .filter(mm -> mm != null && mm.serving() && mm.pool == p)
        .min(Comparator.comparing(mm -> mm.uuid))
        .orElse(null);
    if (winner == null) {
      log.warn("HA: master lost and no live member can take over");
      return;
    }
    Machine old = p.master;
    HostRow winnerRow = p.db.hosts.byUuid(winner.uuid);
    p.master = winner;
    p.db.pool = Rows.master(p.db.pool, winnerRow.ref());
    p.gcEpoch = at;
    HostRow oldRow = old == null ? null : p.db.hosts.byUuid(old.uuid);
    if (oldRow != null) {
      HostLiveness ol = new HostLiveness(false, at);
      ol.haLive = false;
      ol.holdDead = true;
      p.liveness.put(oldRow.ref(), ol);
    }
    for (Machine mm : site.machines.values()) {
      if (mm.pool == p) {
        mm.masterAddress = winner.address;
      }
    }
    log.info("HA: host {} elected master", winner.uuid);
  }

  private static void restart(Site site, PoolState p, Vm vm, Instant at) {
    Ctx ctx = new Ctx(site, p, at, p.master.address);
    List<HostRow> candidates = new ArrayList<>(p.db.hosts.list());
    candidates.sort(Comparator.comparing(HostRow::uuid));
    for (HostRow h : candidates) {
      Machine m = site.machineOf(h);
      if (m == null || !m.serving() || !ctx.live(h.ref())) {
        continue;
      }
      try {
        VmOps.assertCanBootHere(ctx, vm, h);
        VmOps.assertDisksFree(p.db, vm);
        List<String> clear = VmOps.smLocksToClear(ctx, vm, h);
        VmOps.startEffect(site, p.db, vm, h, clear);
        log.info("HA: VM {} ({}) restarted on host {}", vm.uuid(), vm.nameLabel(), h.uuid());
        return;
      } catch (io.poolrescue.pool.XapiException e) {
        log.debug("HA: VM {} cannot start on {}: {}", vm.uuid(), h.uuid(), e.getMessage());
      }
    }
    log.warn("HA: VM {} ({}) could not be restarted anywhere", vm.uuid(), vm.nameLabel());
  }
}
