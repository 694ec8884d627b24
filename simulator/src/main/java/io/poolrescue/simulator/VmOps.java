package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** VM.power_state_reset and VM.start_on (reference §3, §11) and the effects HA reuses. */
final class VmOps {
  private static final Logger log = LoggerFactory.getLogger(VmOps.class);

  static final String START_ON = "VM.start_on";
  /** The name of the operation in a VM's current_operations. */
  static final String START_OP = "start_on";

  private VmOps() {}

  static void powerStateReset(Ctx ctx, String vmUuid) {
    ctx.site().journaledVoid(ctx, "VM.power_state_reset", Site.args(vmUuid), () -> {
      Db db = ctx.db();
      Vm vm = db.vm(vmUuid);
      if (vm.controlDomain()) {
        throw new XapiException(XapiErrors.CANNOT_RESET_CONTROL_DOMAIN, vm.ref());
      }
      if (Db.active(vm) && vm.residentOn() != null) {
        HostRow resident = db.hosts.get(vm.residentOn());
        if (resident != null && resident.ref().equals(db.pool.masterRef())) {
          // on the master xapi asks its own xenopsd whether the domain really runs
          if (ctx.site().domains.runsOn(vm.uuid(), resident.uuid())) {
            throw new XapiException(XapiErrors.DOMAIN_EXISTS, vm.ref());
          }
        } else if (resident != null && ctx.site().isHostAlive(ctx, resident)) {
          throw new XapiException(XapiErrors.HOST_IS_LIVE, resident.ref());
        }
      }
      resetToHalted(db, vm);
      log.info("VM {} ({}) power state reset to Halted", vm.uuid(), vm.nameLabel());
    });
  }

  /** The database-only reset: Halted, not resident, disks detached; SM locks and real domains untouched. */
  static void resetToHalted(Db db, Vm vm) {
    for (Vbd b : db.vbdsOf(vm)) {
      if (b.currentlyAttached()) {
        db.vbds.put(Rows.attached(b, false));
      }
    }
    db.vms.put(Rows.power(vm, PowerState.HALTED, null));
  }

  static void startOn(Ctx ctx, String vmUuid, String hostUuid) {
    ctx.site().journaledVoid(ctx, START_ON, Site.args(vmUuid, hostUuid), () -> {
      Db db = ctx.db();
      Vm vm = db.vm(vmUuid);
      HostRow host = db.host(hostUuid);
      List<String> cleared = checkStart(ctx, vm, host);
      SmActivate.refusePaused(ctx, vm, cleared);
      startEffect(ctx.site(), db, vm, host, cleared);
      log.info("VM {} ({}) started on host {}", vm.uuid(), vm.nameLabel(), host.uuid());
    });
  }

  /** VM.start_on's checks, in their order; returns the SM locks the start clears. */
  private static List<String> checkStart(Ctx ctx, Vm vm, HostRow host) {
    Db db = ctx.db();
    if (vm.powerState() != PowerState.HALTED) {
      throw new XapiException(XapiErrors.VM_BAD_POWER_STATE, vm.ref(), "halted",
          vm.powerState().xapiName().toLowerCase(Locale.ROOT));
    }
    String current = ctx.pool().vmOperations.get(vm.ref());
    if (current != null) {
      throw new XapiException(XapiErrors.OTHER_OPERATION_IN_PROGRESS, "VM", vm.ref(), current);
    }
    // message_forwarding's order (reference §17): disks in use, can-boot checks, forward, SM activate
    assertDisksFree(db, vm);
    assertCanBootHere(ctx, vm, host);
    ctx.site().forwardTo(ctx, host);
    return smLocksToClear(ctx, vm, host);
  }

  /** A start that takes time: checked and marked now, the domain runs at {@link #finishStart}. */
  record PendingStart(PoolState pool, String via, Instant started, String vmRef, String hostRef, String hostUuid,
      List<String> args, List<String> cleared, boolean diskPaused) {
    /** How long the start takes: SM retries a paused disk for its whole retry time, then fails. */
    Duration takes(SimLatencies l) {
      return diskPaused ? l.smPausedRetry() : l.vmStart();
    }
  }

  /**
   * The checks of VM.start_on; the VM then carries the current operation {@code start_on} (a second
   * start gets OTHER_OPERATION_IN_PROGRESS) until the start finishes. A refusal is journaled here.
   */
  static PendingStart beginStart(Ctx ctx, String vmUuid, String hostUuid) {
    List<String> args = Site.args(vmUuid, hostUuid);
    return ctx.site().journaled(ctx.now(), ctx.via(), null, START_ON, args, () -> {
      Vm vm = ctx.db().vm(vmUuid);
      HostRow host = ctx.db().host(hostUuid);
      List<String> cleared = checkStart(ctx, vm, host);
      ctx.pool().vmOperations.put(vm.ref(), START_OP);
      return new PendingStart(ctx.pool(), ctx.via(), ctx.now(), vm.ref(), host.ref(), host.uuid(), args, cleared,
          SmActivate.pausedRefusal(ctx.db(), vm) != null);
    }, false);
  }

  /** The start's effect lands when its time is up, on a host that still answers. */
  static void finishStart(Site site, PendingStart s, Instant now) {
    s.pool().vmOperations.remove(s.vmRef());
    site.journaled(s.started(), now, s.via(), s.pool(), START_ON, s.args(), () -> {
      Db db = s.pool().db;
      Vm vm = db.vms.get(s.vmRef());
      HostRow host = db.hosts.get(s.hostRef());
      Machine m = host == null ? null : site.machineOf(host);
      if (vm == null || m == null || !m.reachable() || m.busy()) {
        throw new XapiException(XapiErrors.CANNOT_CONTACT_HOST, s.hostRef());
      }
      XapiException paused = SmActivate.pausedRefusal(db, vm);
      if (paused != null) {
        clearLocks(db, s.cleared()); // SM removed the stale locks before it met the paused disk
        s.pool().changed();
        throw paused;
      }
      startEffect(site, db, vm, host, s.cleared());
      log.info("VM {} ({}) started on host {}", vm.uuid(), vm.nameLabel(), host.uuid());
      return null;
    });
  }

  /** xapi_vm_helpers.assert_can_boot_here, in its order. */
  static void assertCanBootHere(Ctx ctx, Vm vm, HostRow host) {
    Db db = ctx.db();
    if (!ctx.live(host.ref())) {
      throw new XapiException(XapiErrors.HOST_NOT_LIVE);
    }
    if (!host.enabled()) {
      throw new XapiException(XapiErrors.HOST_DISABLED, host.ref());
    }
    for (String srRef : srsOf(db, vm)) {
      if (!db.srPluggedOn(srRef, host.ref())) {
        throw new XapiException(XapiErrors.VM_REQUIRES_SR, vm.ref(), srRef);
      }
    }
    long available = host.memoryTotal() - db.memoryUsed(host.ref());
    if (vm.memory() > available) {
      throw new XapiException(XapiErrors.HOST_NOT_ENOUGH_FREE_MEMORY, Long.toString(vm.memory()),
          Long.toString(Math.max(0, available)));
    }
  }

  static List<String> srsOf(Db db, Vm vm) {
    LinkedHashSet<String> srs = new LinkedHashSet<>();
    for (Vbd b : db.vbdsOf(vm)) {
      Vdi d = db.vdis.get(b.vdiRef());
      if (d != null) {
        srs.add(d.srRef());
      }
    }
    return new ArrayList<>(srs);
  }

  /** The database layer: a non-sharable disk attached by another VM's VBD, either side RW, is in use. */
  static void assertDisksFree(Db db, Vm vm) {
    for (Vbd mine : db.vbdsOf(vm)) {
      Vdi d = db.vdis.get(mine.vdiRef());
      if (d == null || d.sharable()) {
        continue;
      }
      for (Vbd other : db.vbdsOfVdi(d.ref())) {
        if (!other.vmRef().equals(vm.ref()) && other.currentlyAttached() && (other.readWrite() || mine.readWrite())) {
          throw new XapiException(XapiErrors.VDI_IN_USE, d.ref());
        }
      }
    }
  }

  /**
   * The SM layer: each {@code host_<ref>} key left on a disk is checked the way SM's reset_vdi
   * does. Keys of destroyed hosts and of this host are cleared; a key of another existing host is
   * cleared only if that host answers and does not hold the disk open, else SR_BACKEND_FAILURE_46.
   * Returns the keys to clear as "vdiRef key" pairs.
   */
  static List<String> smLocksToClear(Ctx ctx, Vm vm, HostRow target) {
    Db db = ctx.db();
    Site site = ctx.site();
    List<String> clear = new ArrayList<>();
    for (Vbd b : db.vbdsOf(vm)) {
      Vdi d = db.vdis.get(b.vdiRef());
      if (d == null) {
        continue;
      }
      for (String key : d.smConfig().keySet()) {
        if (!key.startsWith(Vdi.HOST_LOCK_PREFIX)) {
          continue;
        }
        String holderRef = key.substring(Vdi.HOST_LOCK_PREFIX.length());
        HostRow holder = db.hosts.get(holderRef);
        if (holder == null || holderRef.equals(target.ref())) {
          clear.add(d.ref() + " " + key);
          continue;
        }
        String why = null;
        if (!ctx.live(holderRef)) {
          why = "host " + holderRef + " is " + XapiErrors.HOST_OFFLINE;
        } else {
          Machine m = site.machineOf(holder);
          if (m == null || !m.reachable() || m.busy()) {
            why = "host " + holderRef + " is " + XapiErrors.CANNOT_CONTACT_HOST;
          } else if (openOn(site, db, d.ref(), m.uuid)) {
            why = "still open on host " + holderRef;
          }
        }
        if (why != null) {
          throw new XapiException(XapiErrors.SR_BACKEND_FAILURE_46, "",
              "The VDI is not available [opterr=VDI " + d.uuid() + " not detached cleanly: " + why + "]", "");
        }
        clear.add(d.ref() + " " + key);
      }
    }
    return clear;
  }

  /** SM's on-slave/is_open: a domain on that machine uses the disk. */
  private static boolean openOn(Site site, Db db, String vdiRef, String machineUuid) {
    for (Vbd b : db.vbdsOfVdi(vdiRef)) {
      Vm user = db.vms.get(b.vmRef());
      if (user != null && site.domains.runsOn(user.uuid(), machineUuid)) {
        return true;
      }
    }
    return false;
  }

  /** Running on the host: disks attached and locked, memory taken, and a real domain started there. */
  static void startEffect(Site site, Db db, Vm vm, HostRow host, List<String> clearedLocks) {
    clearLocks(db, clearedLocks);
    for (Vbd b : db.vbdsOf(vm)) {
      db.vbds.put(Rows.attached(b, true));
      Vdi d = db.vdis.get(b.vdiRef());
      if (d != null) {
        db.vdis.put(Rows.withKey(d, Vdi.lockKey(host.ref()), b.readWrite() ? "RW" : "RO"));
      }
    }
    db.vms.put(Rows.power(vm, PowerState.RUNNING, host.ref()));
    checkIntegrity(site, db, vm, host);
    site.domains.start(vm.uuid(), host.uuid());
  }

  /** Removes the "vdiRef key" pairs {@link #smLocksToClear} found stale. */
  static void clearLocks(Db db, List<String> clearedLocks) {
    for (String pair : clearedLocks) {
      int sp = pair.indexOf(' ');
      Vdi d = db.vdis.get(pair.substring(0, sp));
      if (d != null) {
        db.vdis.put(Rows.withoutKey(d, pair.substring(sp + 1)));
      }
    }
  }

  /** Records a split brain: the VM or one of its RW disks already runs in a domain elsewhere. */
  private static void checkIntegrity(Site site, Db db, Vm vm, HostRow host) {
    for (String other : site.domains.hostsOf(vm.uuid())) {
      if (!other.equals(host.uuid())) {
        site.domains.violation("VM " + vm.uuid() + " (" + vm.nameLabel() + ") started on host " + host.uuid()
            + " while its domain still runs on host " + other);
      }
    }
    for (Vbd mine : db.vbdsOf(vm)) {
      if (!mine.readWrite() || mine.vdiRef() == null) {
        continue;
      }
      for (Vbd b : db.vbdsOfVdi(mine.vdiRef())) {
        Vm user = db.vms.get(b.vmRef());
        if (user == null || user.ref().equals(vm.ref())) {
          continue;
        }
        List<String> userOn = site.domains.hostsOf(user.uuid());
        if (!userOn.isEmpty()) {
          site.domains.violation("VDI " + db.vdis.get(mine.vdiRef()).uuid() + " attached RW by VM " + vm.uuid()
              + " on host " + host.uuid() + " while VM " + user.uuid() + " uses it on host " + userOn);
        }
      }
    }
  }
}
