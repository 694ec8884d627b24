package io.poolrescue.workflows.restore;

import io.poolrescue.activities.poolrestore.PoolBackupCheck;
import io.poolrescue.activities.poolrestore.VmPage;
import io.poolrescue.activities.vm.NotRestartable;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.fanout.VmBatchResult;
import io.poolrescue.workflows.fanout.VmFanOut;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The VMs of the restored pool: reset those still marked active on lost hosts (behind a gate), then
 * start those that were running or suspended in the backup. VMs are read page by page.
 */
record RestartVms(RestoreContext ctx, String master) {
  static final int PAGE = 1000;

  /** The run's result: a stop at the reset gate, or the restored pool with its VMs started. */
  RunResult run(PoolBackupCheck b) {
    ActivityStubs acts = ctx.acts();
    RunStatusRecorder status = ctx.status();
    status.start(RestoreSteps.RESET_VMS);
    VmSelection toReset = select(offset -> acts.poolRestore.vmsToReset(master, offset, PAGE));
    VmFanOut fanOut = new VmFanOut(acts, status, ctx.request().maxParallel());
    if (toReset.uuids().isEmpty()) {
      status.skip(RestoreSteps.RESET_VMS, "no VM is marked active on a lost host (the restore reset the running ones)");
    } else {
      // the fingerprint of the whole selection comes with its first page
      Guard<VmSelection> g = ctx.gate().approve(GuardedStep.withFingerprintCall(
          () -> select(offset -> acts.poolRestore.vmsToReset(master, offset, PAGE)),
          now -> PoolRestoreGates.resetVms(now, master),
          () -> acts.poolRestore.vmsToReset(master, 0, 1).fingerprint()));
      if (g.stop().isPresent()) {
        return status.stopped(g.stop().get());
      }
      VmBatchResult reset = fanOut.reset(master, null, true, g.state().uuids(), g.proof(), false);
      reset.leftAlone().forEach(v -> status.warn("not reset: " + v));
      status.done(RestoreSteps.RESET_VMS, reset.applied() + " reset, " + reset.unchanged() + " already Halted");
    }

    status.start(RestoreSteps.START_VMS);
    VmSelection toStart = select(offset -> acts.poolRestore.vmsToStart(master, ctx.request().backupId(), offset, PAGE));
    VmBatchResult started = fanOut.start(master, List.of(), toStart.uuids(), ctx.version() >= Versions.READINESS);
    List<String> notRestartable = started.failed().stream().map(NotRestartable::describe).toList();
    status.done(RestoreSteps.START_VMS, started.applied() + " started, " + started.unchanged() + " already running, "
        + notRestartable.size() + " not restartable");

    return new RunResult(Outcome.RECOVERED, "pool " + b.poolUuid() + " restored from backup " + b.backupId()
        + " (taken " + b.takenAt() + ") with master " + master + ", " + (1 + ctx.others().size()) + " host(s); "
        + started.applied() + " VMs started, " + started.unchanged() + " already running"
        + (notRestartable.isEmpty() ? "" : ", " + notRestartable.size() + " not restartable"), notRestartable);
  }

  /** Reads every page of a VM selection. */
  private static VmSelection select(IntFunction<VmPage> page) {
    List<String> all = new ArrayList<>();
    VmPage p;
    String fingerprint;
    do {
      p = page.apply(all.size());
      all.addAll(p.vmUuids());
      fingerprint = p.fingerprint();
    } while (!p.last() && !p.vmUuids().isEmpty());
    return new VmSelection(all, fingerprint);
  }
}
