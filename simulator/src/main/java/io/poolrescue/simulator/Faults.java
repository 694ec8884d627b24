package io.poolrescue.simulator;

import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Injected failures and their repair. Only physical state changes here; databases learn of it as XAPI would. */
final class Faults {
  private static final Logger log = LoggerFactory.getLogger(Faults.class);

  private Faults() {}

  static void kill(Site site, Machine m) {
    m.powered = false;
    stopped(m);
    site.domains.killAllOn(m.uuid);
    log.info("FAULT: host {} ({}) lost power", m.uuid, m.nameLabel);
  }

  /** A clean shutdown: VMs shut down, the member says goodbye and the master marks it dead at once. */
  static void shutdown(Site site, Machine m, Instant now) {
    PoolState p = m.pool;
    HostRow row = p == null ? null : p.db.hosts.byUuid(m.uuid);
    if (row != null) {
      for (Vm vm : p.db.residentVms(row.ref())) {
        VmOps.resetToHalted(p.db, vm);
      }
      String own = Vdi.lockKey(row.ref());
      for (Vdi vdi : p.db.vdis.list()) {
        if (vdi.smConfig().containsKey(own)) {
          p.db.vdis.put(Rows.withoutKey(vdi, own));
        }
      }
      HostLiveness l = p.liveness(row.ref());
      if (l != null && !m.isMaster()) {
        l.flag = false;
        l.flagAt = now;
        l.holdDead = true;
        l.haLive = false;
      }
      p.changed();
    }
    m.powered = false;
    stopped(m);
    site.domains.killAllOn(m.uuid);
    log.info("FAULT: host {} ({}) shut down cleanly", m.uuid, m.nameLabel);
  }

  /** The agent is gone with the power: no pending restart, no emergency mode. */
  private static void stopped(Machine m) {
    m.busyUntil = null;
    m.busyReason = null;
    m.emergency = false;
    m.stopAgent();
  }

  static void cutNetwork(Machine m) {
    m.networkCut = true;
    log.info("FAULT: host {} ({}) cut from the network; its VMs keep running", m.uuid, m.nameLabel);
  }

  static void damageConfig(Machine m) {
    m.broken = true;
    log.info("FAULT: host {} ({}) configuration damaged; its agent answers HOST_BROKEN", m.uuid, m.nameLabel);
  }

  static void loseStorage(Site site, Machine m, String srUuid) {
    m.lostStorage.add(srUuid);
    PoolState p = m.pool;
    if (p != null) {
      HostRow row = p.db.hosts.byUuid(m.uuid);
      Sr sr = p.db.srs.byUuid(srUuid);
      Pbd pbd = row == null || sr == null ? null : p.db.pbdFor(sr.ref(), row.ref());
      if (pbd != null && pbd.currentlyAttached()) {
        p.db.pbds.put(Rows.attached(pbd, false));
        p.changed();
      }
    }
    log.info("FAULT: host {} lost its path to SR {}", m.uuid, srUuid);
  }

  static void bringBack(Site site, Machine m, Instant now) {
    if (m.hardwareLost) {
      throw new IllegalStateException("host " + m.uuid + " was lost for good; add a fresh host instead");
    }
    if (m.busy()) {
      return; // already on its way back
    }
    boolean wasOff = !m.powered;
    boolean wasCut = m.networkCut;
    boolean wasBroken = m.broken;
    m.powered = true;
    m.networkCut = false;
    m.broken = false;
    restoreStorage(site, m);
    if (wasOff || wasBroken) {
      if (wasBroken) {
        m.stopAgent(); // the repaired configuration takes an agent restart
      }
      AgentRuns.agentUp(site, m, now);
    } else if (wasCut) {
      reconnect(site, m, now);
    }
    log.info("REPAIR: host {} ({}) is back", m.uuid, m.nameLabel);
  }

  /**
   * A running agent whose network comes back: a member reaches its master again (its heartbeats
   * resume; the simulator lets it say hello at once); a master looks for another master of its pool.
   */
  private static void reconnect(Site site, Machine m, Instant now) {
    PoolState p = m.pool;
    if (p == null) {
      return;
    }
    if (p.master == m) {
      if (AgentRuns.anotherMaster(site, m, p.db.pool.uuid()) != null) {
        AgentRuns.agentUp(site, m, now);
      }
      return;
    }
    if (p.master != null && p.master.serving()) {
      Lifecycle.hello(site, p, m, now);
    } else if (p.db.hosts.byUuid(m.uuid) == null) {
      m.unknownToMaster = true;
    }
  }

  private static void restoreStorage(Site site, Machine m) {
    List<String> lost = new ArrayList<>(m.lostStorage);
    m.lostStorage.clear();
    PoolState p = m.pool;
    HostRow row = p == null ? null : p.db.hosts.byUuid(m.uuid);
    for (String srUuid : lost) {
      Sr sr = row == null ? null : p.db.srs.byUuid(srUuid);
      Pbd pbd = sr == null ? null : p.db.pbdFor(sr.ref(), row.ref());
      if (pbd != null && !pbd.currentlyAttached() && StorageOps.storageProblem(site, m, sr, pbd.deviceConfig()) == null) {
        StorageOps.plugEffect(p.db, pbd, row);
        p.changed();
      }
    }
  }

  /** Power comes back (a BMC's On): the machine boots for hostBoot, then its agent finds its place. */
  static void powerOn(Site site, Machine m, Instant now) {
    if (m.hardwareLost) {
      log.info("host {} was lost for good; power on does nothing", m.uuid);
      return;
    }
    m.powered = true;
    boot(site, m, now);
  }

  private static void boot(Site site, Machine m, Instant now) {
    AgentRuns.stopFor(site, m, now, site.bootDowntime(), AgentRuns.REBOOTING, t -> AgentRuns.agentUp(site, m, t));
  }

  /** The operator reboots into the installer and picks "Restore from backup". */
  static void rebootIntoInstallerRestore(Site site, Machine m, Instant now) {
    if (m.hardwareLost) {
      throw new IllegalStateException("host " + m.uuid + " was lost for good");
    }
    boolean restored = m.stagedBackup != null;
    if (restored) {
      m.broken = false;
      m.stagedBackup = null;
    }
    m.powered = true;
    m.networkCut = false;
    site.domains.killAllOn(m.uuid);
    boot(site, m, now);
    log.info("host {} reboots {}", m.uuid, restored ? "and restores its backup" : "(no backup staged)");
  }

  static void loseAll(Site site, PoolState p) {
    for (HostRow h : p.db.hosts.list()) {
      Machine m = site.machineOf(h);
      if (m != null) {
        kill(site, m);
        m.hardwareLost = true;
      }
    }
    log.info("FAULT: every host of pool {} is lost", p.db.pool.uuid());
  }
}
