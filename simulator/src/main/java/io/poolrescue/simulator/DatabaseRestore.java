package io.poolrescue.simulator;

import io.poolrescue.pool.PoolDatabaseDump;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /pool/xmldbdump} on a (fresh) host (reference §7): checks schema and NIC names, and
 * unless dry run, reboots after the dbRestoreReboot fuse (serving until then) into the master of
 * the restored pool; the reboot refuses connections for hostBoot and the agent's start-up.
 */
final class DatabaseRestore {
  private static final Logger log = LoggerFactory.getLogger(DatabaseRestore.class);

  private DatabaseRestore() {}

  static void restore(Site site, Machine m, byte[] dump, boolean dryRun, Instant now) {
    site.journaled(now, m.address, null, "PUT /pool/xmldbdump", Site.args("dry_run=" + dryRun), () -> {
      PoolDatabaseDump d;
      try {
        d = PoolDatabaseDump.parse(dump);
      } catch (IllegalArgumentException e) {
        throw new XapiException(XapiErrors.INTERNAL_ERROR, e.getMessage());
      }
      if (d.schemaMajor() != PoolDatabaseDump.SCHEMA_MAJOR || d.schemaMinor() != PoolDatabaseDump.SCHEMA_MINOR) {
        throw new XapiException(XapiErrors.RESTORE_INCOMPATIBLE_VERSION);
      }
      for (String device : d.masterNicDevices()) {
        if (!m.nicDeviceSet().contains(device)) {
          throw new XapiException(XapiErrors.RESTORE_TARGET_MISSING_DEVICE, device);
        }
      }
      if (!d.masterNicDevices().contains(m.managementDevice)) {
        throw new XapiException(XapiErrors.RESTORE_TARGET_MGMT_IF_NOT_IN_BACKUP, d.masterNicDevices());
      }
      Db restored;
      try {
        restored = DumpReader.toDb(d);
      } catch (IllegalArgumentException e) {
        throw new XapiException(XapiErrors.INTERNAL_ERROR, e.getMessage());
      }
      if (dryRun) {
        log.info("dry-run database restore on {} successful", m.address);
        return null;
      }
      // the host serves on during the fuse, then reboots (hostBoot) into the restored database
      long run = m.agentRun;
      site.schedule(now.plus(site.timings.dbRestoreReboot()), "reboot of " + m.uuid + " with a restored database",
          t -> {
            if (m.agentRun == run && m.powered) {
              site.domains.killAllOn(m.uuid);
              AgentRuns.stopFor(site, m, t, site.bootDowntime(), AgentRuns.REBOOTING, up -> reboot(site, m, restored, up));
            }
          });
      log.info("host {} will reboot with the restored database of pool {} in {}", m.uuid, d.poolUuid(),
          site.timings.dbRestoreReboot());
      return null;
    });
  }

  /**
   * The machine comes back as master of the restored pool; every other host of the backup is gone.
   * It then plugs its PBDs with the backup's device_config (plug_all_pbds) and enables itself.
   */
  static void reboot(Site site, Machine m, Db db, Instant at) {
    HostRow backupMaster = db.master();
    for (HostRow h : db.hosts.list()) {
      if (!h.ref().equals(backupMaster.ref())) {
        db.dropHost(h);
      }
    }
    // this machine takes the backup master's place
    HostRow self = backupMaster.withUuid(m.uuid).withAddress(m.address).withMemoryTotal(m.memoryTotal)
        .withSerial(m.serial);
    db.hosts.put(self);
    Map<String, String> macs = new HashMap<>();
    m.nics.forEach(n -> macs.put(n.device(), n.mac()));
    for (Pif pif : db.pifsOfHost(self.ref())) {
      db.pifs.put(new Pif(pif.ref(), pif.uuid(), pif.hostRef(), pif.device(),
          macs.getOrDefault(pif.device(), pif.mac()), pif.physical(), pif.device().equals(m.managementDevice)));
    }
    // reset_vms_running_on_missing_hosts; the master's own VMs do not run on this fresh machine either
    for (Vm vm : db.vms.list()) {
      if (vm.controlDomain()) {
        if (!self.ref().equals(vm.residentOn())) {
          db.vms.remove(vm.ref());
        }
      } else if (Db.active(vm)) {
        VmOps.resetToHalted(db, vm);
      } else if (vm.powerState() == PowerState.SUSPENDED && vm.residentOn() != null) {
        db.vms.put(Rows.power(vm, PowerState.SUSPENDED, null));
      }
    }
    for (Pbd pbd : db.pbds.list()) {
      db.pbds.put(Rows.attached(pbd, false));
    }
    String own = Vdi.lockKey(self.ref());
    for (Vdi vdi : db.vdis.list()) {
      if (vdi.smConfig().containsKey(own)) {
        db.vdis.put(Rows.withoutKey(vdi, own));
      }
    }
    // the statefile belonged to the lost pool: the restored master comes up with HA disarmed
    db.pool = Rows.ha(db.pool, false);
    PoolState np = new PoolState(db, m, at, site.timings);
    np.liveness.put(self.ref(), new HostLiveness(true, at));
    m.pool = np;
    m.masterAddress = m.address;
    m.replica = null;
    site.addPool(np);
    site.primary = np;
    Lifecycle.masterStarted(site, np, at);
    AgentRuns.startPlugging(site, np, m, at);
    Lifecycle.dropOrphanPools(site);
    log.info("host {} rebooted as master of restored pool {} ({} VMs)", m.uuid, db.pool.uuid(),
        db.vms.all().stream().filter(v -> !v.controlDomain()).count());
  }
}
