package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.util.List;

/**
 * SM's activate of a VM's disks (blktap2, reference §4 and §17): a {@code paused} key in a disk's
 * sm_config means "the SR master is working on it, retry", so activate retries once a second and
 * then gives up with {@code SR_BACKEND_FAILURE_46 [.., "VDI <uuid> locked"]}. The stale host keys
 * checked before ({@link VmOps#smLocksToClear}) are already gone by then, as SM removed them first.
 */
final class SmActivate {
  /** How long SM retries a paused disk before failing: 120 tries, 1 s apart. */
  static final Duration PAUSED_RETRY = Duration.ofSeconds(120);

  private SmActivate() {}

  /** Refuses the start when one of the VM's disks is paused; SM's earlier lock clean-up stays done. */
  static void refusePaused(Ctx ctx, Vm vm, List<String> clearedLocks) {
    XapiException refusal = pausedRefusal(ctx.db(), vm);
    if (refusal != null) {
      if (!clearedLocks.isEmpty()) {
        VmOps.clearLocks(ctx.db(), clearedLocks);
        ctx.pool().changed(); // a refusal is not journaled as a change, but this one did write
      }
      throw refusal;
    }
  }

  /** What activate ends with when one of the VM's disks is paused, else null. */
  static XapiException pausedRefusal(Db db, Vm vm) {
    for (Vbd b : db.vbdsOf(vm)) {
      Vdi d = db.vdis.get(b.vdiRef());
      if (d != null && d.smConfig().containsKey(Vdi.PAUSED_KEY)) {
        return new XapiException(XapiErrors.SR_BACKEND_FAILURE_46, "",
            "The VDI is not available [opterr=VDI " + d.uuid() + " locked]", "");
      }
    }
    return null;
  }
}
