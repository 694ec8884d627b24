package io.poolrescue.workflows.restore;

import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.poolrestore.BackupHost;
import io.poolrescue.activities.poolrestore.FreshHostCheck;
import io.poolrescue.activities.poolrestore.PoolBackupCheck;
import io.poolrescue.activities.poolrestore.RestoreAttempt;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.AnswerWait;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.fence.FenceOutcome;
import io.poolrescue.workflows.fence.FenceTarget;
import io.poolrescue.workflows.fence.HostFence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Up to the restore itself: check the backup and the fresh hosts, dry-run the restore on the target
 * (NIC names), then restore the database behind a gate. A target a previous run restored already is
 * taken as it is. {@link #run} returns a result only when the run must end here.
 */
final class RestoreDatabase {
  private final RestoreContext run;
  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  /** The fresh master's pool overview before the restore, for the audit report (the orchestrator's). */
  private final Consumer<String> overview;
  private PoolBackupCheck backup;

  RestoreDatabase(RestoreContext run, Consumer<String> overview) {
    this.run = run;
    this.acts = run.acts();
    this.status = run.status();
    this.overview = overview;
  }

  /** The checked backup, once {@link #run} got past the check. */
  PoolBackupCheck backup() {
    return backup;
  }

  RunResult run() {
    PoolRestoreRequest r = run.request();
    String target = run.target();
    List<String> others = run.others();

    status.start(RestoreSteps.CHECK_BACKUP);
    PoolBackupCheck b = acts.poolRestore.checkPoolBackup(r.backupId());
    backup = b;
    status.done(RestoreSteps.CHECK_BACKUP, "backup " + b.backupId() + " of pool " + b.poolUuid() + " taken "
        + b.takenAt() + ": checksum verified, schema " + b.schema() + ", " + b.hosts() + " hosts, " + b.vms() + " VMs");

    status.start(RestoreSteps.CHECK_HOSTS);
    FreshHostCheck t = checkTarget(target);
    boolean alreadyRestored = false;
    if (!t.usable()) {
      RestoreAttempt probe = null;
      if ("master".equals(t.probe())) {
        probe = acts.poolRestoreTransfer.restorePoolDatabase(target, r.backupId(), true, null);
      }
      if (probe == null || probe.action() != RestoreAttempt.Action.ALREADY_RESTORED) {
        return status.failed("restore target " + target + " cannot be used: " + t.problem() + "; nothing was changed");
      }
      alreadyRestored = true; // a previous run restored it: continue from there
      status.warn(probe.detail());
    }
    List<String> unusable = new ArrayList<>();
    Set<String> freshSerials = new TreeSet<>();
    if (t.serial() != null) {
      freshSerials.add(t.serial());
    }
    for (String address : others) {
      FreshHostCheck o = acts.poolRestore.checkFreshHost(address);
      if (!o.usable() && !followsRestoredPool(o, target)) {
        unusable.add(address + ": " + o.problem());
      }
      if (o.serial() != null) {
        freshSerials.add(o.serial());
      }
    }
    if (!unusable.isEmpty()) {
      return status.failed("fresh hosts to join cannot be used: " + String.join("; ", unusable) + "; nothing was changed");
    }
    if (!alreadyRestored) {
      overview.accept(target); // the fresh master before the restore, for the audit report
    }
    status.done(RestoreSteps.CHECK_HOSTS, alreadyRestored ? target + " already runs the restored pool"
        : "target " + PoolRestoreGates.host(t) + " NICs " + t.nicDevices() + "; " + others.size() + " host(s) to join");

    if (run.version() >= Versions.FENCING) {
      RunResult unfenced = fenceLostHosts(b, freshSerials);
      if (unfenced != null) {
        return unfenced;
      }
    }
    if (alreadyRestored) {
      status.skip(RestoreSteps.DRY_RUN, "the target already runs the backup's pool");
      status.skip(RestoreSteps.RESTORE_DB, "the target already runs the backup's pool");
      return null;
    }
    status.start(RestoreSteps.DRY_RUN);
    RestoreAttempt dry = acts.poolRestoreTransfer.restorePoolDatabase(target, r.backupId(), true, null);
    status.operation("PUT /pool/xmldbdump", List.of(target, r.backupId(), "dry_run=true"), "ok", null);
    status.done(RestoreSteps.DRY_RUN, dry.detail());
    return restore(b);
  }

  /** The restore target as it answers; one where nothing answers is looked at again for a while. */
  private FreshHostCheck checkTarget(String target) {
    return AnswerWait.read(run.version(), status, "restore target " + target,
        () -> acts.poolRestore.checkFreshHost(target), c -> StateFingerprint.UNREACHABLE.equals(c.probe()));
  }

  private RunResult restore(PoolBackupCheck b) {
    PoolRestoreRequest r = run.request();
    String target = run.target();
    status.start(RestoreSteps.RESTORE_DB);
    Guard<FreshHostCheck> g = run.gate().approve(GuardedStep.of(() -> checkTarget(target),
            now -> PoolRestoreGates.restoreDatabase(b, now, run.others()), now -> b.sha256() + "/" + now.fingerprint())
        .stoppingWhen(now -> now.usable() ? Optional.empty() : Optional.of(status.failed("restore target " + target
            + " changed and cannot be used any more: " + now.problem() + "; nothing was changed"))));
    if (g.stop().isPresent()) {
      return status.stopped(g.stop().get());
    }
    RestoreAttempt done = acts.poolRestoreTransfer.restorePoolDatabase(target, r.backupId(), false, g.proof());
    if (done.changedPool()) {
      status.operation("PUT /pool/xmldbdump", List.of(target, r.backupId(), "dry_run=false"), "ok", g.gateId());
    }
    status.done(RestoreSteps.RESTORE_DB, done.detail());
    return null;
  }

  /**
   * The restored database brings back every host of the backup, and the run then starts their VMs
   * elsewhere: each such machine must be off by its BMC, unless it is one of the fresh installs
   * (same serial), whose old domains died with the reinstall.
   */
  private RunResult fenceLostHosts(PoolBackupCheck b, Set<String> freshSerials) {
    status.start(RestoreSteps.FENCE_LOST);
    List<String> fenced = new ArrayList<>();
    HostFence fence = new HostFence(acts, status, run.gate());
    for (BackupHost h : b.backupHosts()) {
      if (h.serial() != null && freshSerials.contains(h.serial())) {
        continue;
      }
      FenceOutcome f = fence.fence(RestoreSteps.FENCE_LOST, new FenceTarget(h.uuid(), h.name() + " (" + h.uuid() + ")",
          () -> Map.of("in backup " + b.backupId(), h.name() + " at " + h.address() + ", serial " + h.serial()),
          b::sha256));
      if (f.stop().isPresent()) {
        return f.stop().get();
      }
      fenced.add(h.name() + ": " + f.basis());
    }
    status.done(RestoreSteps.FENCE_LOST, fenced.isEmpty() ? "every host of the backup is one of the fresh installs"
        : String.join("; ", fenced));
    return null;
  }

  /** A host to join that already follows the restored master (a repeated run) is fine. */
  private static boolean followsRestoredPool(FreshHostCheck o, String target) {
    return o.probe().equals("slave-of " + target);
  }
}
