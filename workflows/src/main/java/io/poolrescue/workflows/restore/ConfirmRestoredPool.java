package io.poolrescue.workflows.restore;

import io.poolrescue.activities.poolrestore.PoolBackupCheck;
import io.poolrescue.activities.poolrestore.RestoredPoolReport;
import io.poolrescue.activities.poolrestore.SrState;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RunStatusRecorder;

/**
 * Verify the restored pool (VMs, shared SRs, default SR) and let the operator confirm it before
 * hosts join and VMs start: the seed page's "connect with XenCenter and check".
 */
final class ConfirmRestoredPool {
  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final RestoreContext run;
  private final String master;
  private RestoredPoolReport report;

  ConfirmRestoredPool(RestoreContext run, String master) {
    this.run = run;
    this.acts = run.acts();
    this.status = run.status();
    this.master = master;
  }

  /** The pool as verified, once {@link #verify} ran. */
  RestoredPoolReport report() {
    return report;
  }

  void verify() {
    status.start(RestoreSteps.VERIFY);
    report = acts.poolRestore.inspectRestoredPool(master);
    for (SrState s : report.unreachableSrs()) {
      status.warn("shared SR " + s.srUuid() + " (" + s.name() + ") is plugged on " + s.attachedOnLiveHosts() + " of "
          + s.liveHosts() + " live hosts: VMs with disks there cannot start");
    }
    if (!report.defaultSrUsable()) {
      status.warn("the pool's default SR " + report.defaultSrUuid() + " is not usable from every live host; "
          + "set another shared SR as default (pool.set_default_SR)");
    }
    status.done(RestoreSteps.VERIFY, report.vms() + " VMs (" + report.running() + " running, " + report.halted()
        + " halted, " + report.suspended() + " suspended), " + report.sharedSrs().size() + " shared SRs, "
        + report.unreachableSrs().size() + " not plugged everywhere");
  }

  /** The confirmation gate; the caller ends the run when it stops. */
  Guard<RestoredPoolReport> confirm(PoolBackupCheck b) {
    status.start(RestoreSteps.CONFIRM);
    Guard<RestoredPoolReport> c = run.gate().approve(GuardedStep.of(() -> acts.poolRestore.inspectRestoredPool(master),
        now -> PoolRestoreGates.confirmRestoredPool(now, b, run.others()), RestoredPoolReport::fingerprint));
    if (c.stop().isEmpty()) {
      status.done(RestoreSteps.CONFIRM, "confirmed by " + c.approval().approvers());
    }
    return c;
  }
}
