package io.poolrescue.workflows.restore;

import io.poolrescue.activities.poolrestore.PoolBackupCheck;
import io.poolrescue.activities.poolrestore.RestoredMaster;
import io.poolrescue.activities.poolrestore.RestoredPoolReport;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.RunTarget;
import io.poolrescue.workflows.core.Versions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Every host of the pool is lost: restore the pool database onto a fresh host, repair the storage,
 * confirm, join the other fresh hosts, reset the VMs still marked active on lost hosts and start
 * the VMs that were running, each dangerous step behind a gate. The steps live in their own
 * classes; this class puts them in order.
 */
public final class PoolRestoreImpl extends GatedRun implements PoolRestore {
  static final Duration WAIT_FOR_MASTER = Duration.ofMinutes(30);

  static final String SEED_DIFFERENCES = "Differences from the seed page: the backup is checked (checksum, schema, "
      + "NIC names by a dry run) before anything is changed; the page's 'check in XenCenter' is a verification plus "
      + "an explicit confirmation gate; after the restore the master's PBDs are not attached, so the shared SRs are "
      + "plugged (XenCenter's SR repair, done over the API) even when the storage is seen as before; XAPI resets "
      + "VMs that ran on lost hosts itself but leaves Suspended ones, which are reset behind a gate; only the VMs "
      + "that were running or suspended in the backup are started, halted ones stay halted.";

  /** The restored master, once it answers: where the steps after the restore and the audit overview go. */
  private String masterAddress;

  @WorkflowInit
  public PoolRestoreImpl(PoolRestoreRequest r) {
    super("PoolRestore", r, r == null ? null : r.requestedBy(), r == null ? null : r.approvals(),
        r == null ? RunTarget.NONE : RunTarget.of(r.backupId(), r.targetMasterAddress(), r.otherHostAddresses()));
  }

  @Override
  public RunResult run(PoolRestoreRequest r) {
    return frame(invalid(r), () -> restore(r), () -> masterAddress);
  }

  @Override
  protected String failureSuffix() {
    return masterAddress == null ? "; the fresh hosts were not changed" : "";
  }

  public static String invalid(PoolRestoreRequest r) {
    if (r == null) {
      return "no request";
    }
    if (blank(r.backupId())) {
      return "backupId is required (a pool database backup in the worker's backup store)";
    }
    if (blank(r.targetMasterAddress())) {
      return "targetMasterAddress is required (the fresh host that becomes master)";
    }
    List<String> others = RestoreContext.others(r);
    if (others.contains(r.targetMasterAddress()) || new LinkedHashSet<>(others).size() != others.size()) {
      return "otherHostAddresses must not repeat an address or the target master";
    }
    return null;
  }

  /** From behaviour version 3 the restore holds its backup: the backup rounds' retention keeps it until the run ends. */
  private RunResult restore(PoolRestoreRequest r) {
    if (version < Versions.AUTHORITY) {
      return restoreFrom(r);
    }
    acts.backups.holdBackup(r.backupId());
    try {
      return restoreFrom(r);
    } finally {
      // given back however the run ends, a cancelled run too
      Workflow.newDetachedCancellationScope(() -> acts.backups.releaseBackup(r.backupId())).run();
    }
  }

  private RunResult restoreFrom(PoolRestoreRequest r) {
    RestoreSteps.plan(version).forEach(status::plan);
    status.warn(SEED_DIFFERENCES);
    RestoreContext run = new RestoreContext(acts, status, gate, r, version);

    RestoreDatabase database = new RestoreDatabase(run, this::overview);
    RunResult stop = database.run();
    if (stop != null) {
      return stop;
    }
    PoolBackupCheck b = database.backup();

    status.start(RestoreSteps.WAIT_MASTER);
    status.waiting(RestoreSteps.WAIT_MASTER, run.target() + " reboots into the restored database");
    RestoredMaster m = acts.poolRestoreWaitingFor(WAIT_FOR_MASTER).restoredMaster(run.target(), b.poolUuid());
    masterAddress = m.address();
    status.done(RestoreSteps.WAIT_MASTER, m.address() + " is master of restored pool " + m.poolUuid() + " as host "
        + m.hostUuid());

    stop = new RepairStorage(run, masterAddress).run();
    if (stop != null) {
      return stop;
    }
    ConfirmRestoredPool check = new ConfirmRestoredPool(run, masterAddress);
    check.verify();
    Guard<RestoredPoolReport> confirmed = check.confirm(b);
    if (confirmed.stop().isPresent()) {
      return status.stopped(confirmed.stop().get());
    }
    new JoinHosts(run, masterAddress).run(run.others(), check.report(), confirmed.gateId());
    return new RestartVms(run, masterAddress).run(b);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
