package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** VDI sm_config, resetvdis and the PBD calls (reference §4, §10). */
final class StorageOps {
  private static final Logger log = LoggerFactory.getLogger(StorageOps.class);

  /** The device_config key xapi sets itself on the SR master's PBD. */
  private static final String SR_MASTER_KEY = "SRmaster";

  private StorageOps() {}

  static void vdiRemoveFromSmConfig(Ctx ctx, String vdiUuid, String key) {
    ctx.site().journaledVoid(ctx, "VDI.remove_from_sm_config", Site.args(vdiUuid, key), () -> {
      Vdi vdi = ctx.db().vdi(vdiUuid);
      if (vdi.smConfig().containsKey(key)) {
        ctx.db().vdis.put(Rows.withoutKey(vdi, key));
      }
    });
  }

  /**
   * resetvdis.py's reset_sr done over the API: the host must still exist; each VDI of the SR that
   * carries the host's lock (or {@code paused}, for the SR master) gets one remove_from_sm_config
   * call per key, exactly what XapiClient sends, so both paths journal alike.
   */
  static List<String> resetVdis(Ctx ctx, String hostUuid, String srUuid, boolean srMaster) {
    Db db = ctx.db();
    Sr sr = db.sr(srUuid); // the script looks the SR up before the host
    HostRow host = db.host(hostUuid);
    String lock = Vdi.lockKey(host.ref());
    List<String> changed = new ArrayList<>();
    for (Vdi vdi : db.vdisOfSr(sr.ref())) {
      boolean touched = false;
      if (vdi.smConfig().containsKey(lock)) {
        vdiRemoveFromSmConfig(ctx, vdi.uuid(), lock);
        touched = true;
      }
      if (srMaster && db.vdis.get(vdi.ref()).smConfig().containsKey(Vdi.PAUSED_KEY)) {
        vdiRemoveFromSmConfig(ctx, vdi.uuid(), Vdi.PAUSED_KEY);
        touched = true;
      }
      if (touched) {
        changed.add(vdi.uuid());
      }
    }
    log.info("resetvdis host {} SR {} master={}: {} VDI(s) released", hostUuid, srUuid, srMaster, changed.size());
    return changed;
  }

  static String pbdCreate(Ctx ctx, String hostUuid, String srUuid, Map<String, String> deviceConfig) {
    return ctx.site().journaled(ctx, "PBD.create", Site.args(hostUuid, srUuid, Redact.deviceConfig(deviceConfig).toString()),
        () -> {
          Db db = ctx.db();
          HostRow host = db.host(hostUuid);
          Sr sr = db.sr(srUuid);
          Pbd existing = db.pbdFor(sr.ref(), host.ref());
          if (existing != null) {
            throw new XapiException(XapiErrors.PBD_EXISTS, sr.ref(), host.ref(), existing.ref());
          }
          if (deviceConfig.containsKey(SR_MASTER_KEY)) {
            throw new XapiException(XapiErrors.VALUE_NOT_SUPPORTED, SR_MASTER_KEY, deviceConfig.get(SR_MASTER_KEY),
                "This key is for internal use only");
          }
          Pbd pbd = new Pbd(ctx.site().ids.ref(), ctx.site().ids.uuid(), host.ref(), sr.ref(), deviceConfig, false);
          db.pbds.put(pbd);
          log.info("PBD {} created for SR {} on host {}", pbd.uuid(), srUuid, hostUuid);
          return pbd.uuid();
        });
  }

  static void pbdDestroy(Ctx ctx, String pbdUuid) {
    ctx.site().journaledVoid(ctx, "PBD.destroy", Site.args(pbdUuid), () -> {
      Pbd pbd = ctx.db().pbd(pbdUuid);
      if (pbd.currentlyAttached()) {
        throw new XapiException(XapiErrors.OPERATION_NOT_ALLOWED, "PBD is currently attached");
      }
      ctx.db().pbds.remove(pbd.ref());
      log.info("PBD {} destroyed", pbdUuid);
    });
  }

  static void pbdPlug(Ctx ctx, String pbdUuid) {
    ctx.site().journaledVoid(ctx, "PBD.plug", Site.args(pbdUuid), () -> {
      Db db = ctx.db();
      Pbd pbd = db.pbd(pbdUuid);
      HostRow host = db.hosts.get(pbd.hostRef());
      // forwarded to the PBD's host first: a dead host refuses even a PBD that is attached already
      Machine m = ctx.site().forwardTo(ctx, host);
      if (pbd.currentlyAttached()) {
        return;
      }
      Sr sr = db.srs.get(pbd.srRef());
      if (!sr.shared()) {
        for (Pbd other : db.pbdsOfSr(sr.ref())) {
          if (other.currentlyAttached() && !other.hostRef().equals(host.ref())) {
            throw new XapiException(XapiErrors.SR_NOT_SHARABLE, sr.ref(), other.hostRef());
          }
        }
      }
      String unavailable = storageProblem(ctx.site(), m, sr, pbd.deviceConfig());
      if (unavailable != null) {
        throw new XapiException(XapiErrors.SR_BACKEND_FAILURE_47, "",
            "The SR is not available [opterr=" + unavailable + "]", "");
      }
      plugEffect(db, pbd, host);
      log.info("PBD {} plugged: SR {} attached on host {}", pbdUuid, sr.uuid(), host.uuid());
    });
  }

  /** Attached; SM's sr_attach also clears the plugging host's own stale locks on the SR. */
  static void plugEffect(Db db, Pbd pbd, HostRow host) {
    db.pbds.put(Rows.attached(pbd, true));
    String own = Vdi.lockKey(host.ref());
    for (Vdi vdi : db.vdisOfSr(pbd.srRef())) {
      if (vdi.smConfig().containsKey(own) && !attachedBy(db, vdi, host.ref())) {
        db.vdis.put(Rows.withoutKey(vdi, own));
      }
    }
  }

  private static boolean attachedBy(Db db, Vdi vdi, String hostRef) {
    for (Vbd b : db.vbdsOfVdi(vdi.ref())) {
      Vm vm = db.vms.get(b.vmRef());
      if (b.currentlyAttached() && vm != null && hostRef.equals(vm.residentOn())) {
        return true;
      }
    }
    return false;
  }

  private static boolean haProtectedUses(Db db, String srRef) {
    for (Vdi vdi : db.vdisOfSr(srRef)) {
      for (Vbd b : db.vbdsOfVdi(vdi.ref())) {
        Vm vm = db.vms.get(b.vmRef());
        if (vm != null && vm.haProtected()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Why the machine cannot reach the SR's storage with this device_config, or null when it can. */
  static String storageProblem(Site site, Machine m, Sr sr, Map<String, String> deviceConfig) {
    if (m.lostStorage.contains(sr.uuid())) {
      return "storage path to SR " + sr.uuid() + " lost on host " + m.uuid;
    }
    StorageTarget t = site.storage.get(sr.uuid());
    if (t == null) {
      return "no storage answers for SR " + sr.uuid();
    }
    if (t.homeMachineUuid() != null && !t.homeMachineUuid().equals(m.uuid)) {
      return "local storage of SR " + sr.uuid() + " is not on host " + m.uuid;
    }
    if (!t.deviceConfig().equals(deviceConfig)) {
      return "no storage answers at " + Redact.deviceConfig(deviceConfig);
    }
    return null;
  }

  static void pbdUnplug(Ctx ctx, String pbdUuid) {
    ctx.site().journaledVoid(ctx, "PBD.unplug", Site.args(pbdUuid), () -> {
      Db db = ctx.db();
      Pbd pbd = db.pbd(pbdUuid);
      HostRow host = db.hosts.get(pbd.hostRef());
      ctx.site().forwardTo(ctx, host); // forwarded first, as plug is
      if (!pbd.currentlyAttached()) {
        return;
      }
      if (db.pool.haEnabled()) {
        Sr sr = db.srs.get(pbd.srRef());
        if (sr.shared() && haProtectedUses(db, sr.ref())) {
          // an HA-protected VM must be able to restart anywhere: the SR may not become unshared
          throw new XapiException(XapiErrors.HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED, sr.ref());
        }
        if (sr.ref().equals(ctx.pool().haStatefileSrRef)) {
          throw new XapiException(XapiErrors.HA_IS_ENABLED);
        }
      }
      List<String> inUse = new ArrayList<>();
      for (Vdi vdi : db.vdisOfSr(pbd.srRef())) {
        if (attachedBy(db, vdi, host.ref())) {
          inUse.add(vdi.ref());
        }
      }
      if (!inUse.isEmpty()) {
        throw new XapiException(XapiErrors.VDI_IN_USE, inUse);
      }
      db.pbds.put(Rows.attached(pbd, false));
      log.info("PBD {} unplugged", pbdUuid);
    });
  }
}
