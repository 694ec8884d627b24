package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM power operations any XAPI client uses beside {@code VM.start_on}: start (the pool picks
 * the host), shutdowns, reboots, suspend and resume (xapi_vm_lifecycle.ml: each allowed from given
 * power states only, else {@code VM_BAD_POWER_STATE [vm, expected, actual]} in lowercase). Each
 * changes the physical truth ({@link Domains}) as well as the database.
 */
final class VmLifecycle {
  private static final Logger log = LoggerFactory.getLogger(VmLifecycle.class);

  private VmLifecycle() {}

  /** How a running domain is stopped: a clean one asks the guest, a hard one destroys the domain. */
  enum Stop {
    CLEAN("VM.clean_shutdown", List.of(PowerState.RUNNING)),
    HARD("VM.hard_shutdown", List.of(PowerState.PAUSED, PowerState.SUSPENDED, PowerState.RUNNING));

    final String call;
    final List<PowerState> from;

    Stop(String call, List<PowerState> from) {
      this.call = call;
      this.from = from;
    }
  }

  /** VM.start: on the first host that passes start_on's checks, in the pool's host order; none is NO_HOSTS_AVAILABLE. */
  static void start(Ctx ctx, String vmUuid, boolean paused) {
    startSomewhere(ctx, "VM.start", vmUuid, PowerState.HALTED, paused);
  }

  /** VM.resume: the suspend image is read back on a host the pool picks, as for VM.start. */
  static void resume(Ctx ctx, String vmUuid, boolean paused) {
    startSomewhere(ctx, "VM.resume", vmUuid, PowerState.SUSPENDED, paused);
  }

  private static void startSomewhere(Ctx ctx, String call, String vmUuid, PowerState from, boolean paused) {
    ctx.site().journaledVoid(ctx, call, Site.args(vmUuid), () -> {
      Db db = ctx.db();
      Vm vm = db.vm(vmUuid);
      requireControllable(vm);
      requireState(vm, List.of(from));
      VmOps.assertDisksFree(db, vm);
      HostRow host = chooseHost(ctx, vm);
      List<String> cleared = VmOps.smLocksToClear(ctx, vm, host);
      VmOps.startEffect(ctx.site(), db, vm, host, cleared);
      ctx.site().domains.dropSuspendImage(vm.uuid());
      if (paused) {
        db.vms.put(Rows.power(db.vm(vmUuid), PowerState.PAUSED, host.ref()));
      }
      log.info("VM {} ({}) {} on host {}{}", vm.uuid(), vm.nameLabel(), call, host.uuid(), paused ? ", paused" : "");
    });
  }

  static void shutdown(Ctx ctx, String vmUuid, Stop how) {
    ctx.site().journaledVoid(ctx, how.call, Site.args(vmUuid), () -> {
      Db db = ctx.db();
      Vm vm = db.vm(vmUuid);
      requireControllable(vm);
      requireState(vm, how.from);
      if (vm.powerState() == PowerState.SUSPENDED) {
        ctx.site().domains.dropSuspendImage(vm.uuid()); // no domain: the image is discarded
        db.vms.put(Rows.power(vm, PowerState.HALTED, null));
      } else {
        HostRow host = residentHost(ctx, vm);
        stopOn(ctx.site(), db, vm, host);
      }
      log.info("VM {} ({}) halted ({})", vm.uuid(), vm.nameLabel(), how.call);
    });
  }

  /** VM.clean_reboot / VM.hard_reboot: the domain is rebuilt on the same host; the database keeps its state. */
  static void reboot(Ctx ctx, String vmUuid, boolean hard) {
    String call = hard ? "VM.hard_reboot" : "VM.clean_reboot";
    ctx.site().journaledVoid(ctx, call, Site.args(vmUuid), () -> {
      Vm vm = ctx.db().vm(vmUuid);
      requireControllable(vm);
      requireState(vm, hard ? List.of(PowerState.PAUSED, PowerState.RUNNING) : List.of(PowerState.RUNNING));
      HostRow host = residentHost(ctx, vm);
      Domains domains = ctx.site().domains;
      domains.stop(vm.uuid(), host.uuid());
      domains.start(vm.uuid(), host.uuid());
      if (vm.powerState() == PowerState.PAUSED) {
        ctx.db().vms.put(Rows.power(vm, PowerState.RUNNING, host.ref()));
      }
      log.info("VM {} ({}) rebooted on host {} ({})", vm.uuid(), vm.nameLabel(), host.uuid(), call);
    });
  }

  /** VM.suspend: the memory goes to a suspend image, the domain stops, the disks are released. */
  static void suspend(Ctx ctx, String vmUuid) {
    ctx.site().journaledVoid(ctx, "VM.suspend", Site.args(vmUuid), () -> {
      Db db = ctx.db();
      Vm vm = db.vm(vmUuid);
      requireControllable(vm);
      requireState(vm, List.of(PowerState.RUNNING));
      HostRow host = residentHost(ctx, vm);
      stopOn(ctx.site(), db, vm, host);
      db.vms.put(Rows.power(db.vm(vmUuid), PowerState.SUSPENDED, null));
      ctx.site().domains.writeSuspendImage(vm.uuid());
      log.info("VM {} ({}) suspended from host {}", vm.uuid(), vm.nameLabel(), host.uuid());
    });
  }

  private static void requireControllable(Vm vm) {
    if (vm.controlDomain()) {
      throw new XapiException(XapiErrors.OPERATION_NOT_ALLOWED, "This operation is not allowed on a control domain");
    }
  }

  /** VM_BAD_POWER_STATE lists the allowed states joined by ", ", lowercase, as xapi_vm_lifecycle reports them. */
  private static void requireState(Vm vm, List<PowerState> allowed) {
    if (!allowed.contains(vm.powerState())) {
      throw new XapiException(XapiErrors.VM_BAD_POWER_STATE, vm.ref(),
          String.join(", ", allowed.stream().map(VmLifecycle::lower).toList()), lower(vm.powerState()));
    }
  }

  private static String lower(PowerState s) {
    return s.xapiName().toLowerCase(Locale.ROOT);
  }

  /** The host the VM runs on, reached the way xapi forwards to it (HOST_OFFLINE, CANNOT_CONTACT_HOST...). */
  private static HostRow residentHost(Ctx ctx, Vm vm) {
    HostRow host = ctx.db().hosts.get(vm.residentOn());
    if (host == null) {
      throw new XapiException(XapiErrors.HANDLE_INVALID, "host", String.valueOf(vm.residentOn()));
    }
    ctx.site().forwardTo(ctx, host);
    return host;
  }

  /**
   * xapi's host choice, simplified: the first host (pool order) that passes assert_can_boot_here
   * and answers when forwarded to; when none does, NO_HOSTS_AVAILABLE [].
   */
  private static HostRow chooseHost(Ctx ctx, Vm vm) {
    for (HostRow h : ctx.db().hosts.all()) {
      try {
        VmOps.assertCanBootHere(ctx, vm, h);
        ctx.site().forwardTo(ctx, h);
        return h;
      } catch (XapiException e) {
        log.debug("VM {} cannot start on host {}: {}", vm.uuid(), h.uuid(), e.getMessage());
      }
    }
    throw new XapiException(XapiErrors.NO_HOSTS_AVAILABLE);
  }

  /** The domain stops on the host; disks detached and their SM locks for that host released. */
  private static void stopOn(Site site, Db db, Vm vm, HostRow host) {
    String lock = Vdi.lockKey(host.ref());
    for (Vbd b : db.vbdsOf(vm)) {
      Vdi d = db.vdis.get(b.vdiRef());
      if (d != null && d.smConfig().containsKey(lock)) {
        db.vdis.put(Rows.withoutKey(d, lock));
      }
    }
    VmOps.resetToHalted(db, vm);
    site.domains.stop(vm.uuid(), host.uuid());
  }
}
