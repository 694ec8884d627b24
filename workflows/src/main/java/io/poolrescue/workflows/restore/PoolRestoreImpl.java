package io.poolrescue.workflows.restore;

import io.poolrescue.activities.host.JoinResult;
import io.poolrescue.activities.poolrestore.FreshHostCheck;
import io.poolrescue.activities.poolrestore.JoinedHost;
import io.poolrescue.activities.pbd.PbdRepair;
import io.poolrescue.activities.pbd.PbdRepairPlan;
import io.poolrescue.activities.poolrestore.PoolBackupCheck;
import io.poolrescue.activities.poolrestore.RestoreAttempt;
import io.poolrescue.activities.poolrestore.RestoredMaster;
import io.poolrescue.activities.poolrestore.RestoredPoolReport;
import io.poolrescue.activities.pbd.SrRepairResult;
import io.poolrescue.activities.poolrestore.SrState;
import io.poolrescue.activities.poolrestore.VmPage;
import io.poolrescue.activities.vm.NotRestartable;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.fanout.VmBatchResult;
import io.poolrescue.workflows.fanout.VmFanOut;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Every host of the pool is lost: restore the pool database onto a fresh host, repair the storage,
 * confirm, join the other fresh hosts, reset the VMs still marked active on lost hosts and start
 * the VMs that were running, each dangerous step behind a gate.
 */
public final class PoolRestoreImpl extends GatedRun implements PoolRestore {
  static final Duration WAIT_FOR_MASTER = Duration.ofMinutes(30);
  static final Duration WAIT_FOR_JOIN = Duration.ofMinutes(20);
  static final int PAGE = 1000;

  static final String SEED_DIFFERENCES = "Differences from the seed page: the backup is checked (checksum, schema, "
      + "NIC names by a dry run) before anything is changed; the page's 'check in XenCenter' is a verification plus "
      + "an explicit confirmation gate; after the restore the master's PBDs are not attached, so the shared SRs are "
      + "plugged (XenCenter's SR repair, done over the API) even when the storage is seen as before; XAPI resets "
      + "VMs that ran on lost hosts itself but leaves Suspended ones, which are reset behind a gate; only the VMs "
      + "that were running or suspended in the backup are started, halted ones stay halted.";

  private String masterAddress;

  @WorkflowInit
  public PoolRestoreImpl(PoolRestoreRequest r) {
    super("PoolRestore", r == null ? null : r.requestedBy(), r == null ? null : r.approvals());
  }

  @Override
  public RunResult run(PoolRestoreRequest r) {
    RunResult result;
    try {
      result = restore(r);
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      String step = status.current();
      status.fail(step, Failures.describe(e));
      status.skipRest("the run stopped at step " + step);
      result = new RunResult(Outcome.FAILED, "step " + step + ": " + Failures.describe(e)
          + (masterAddress == null ? "; the fresh hosts were not changed" : ""), List.of());
    }
    if (masterAddress != null) {
      overview(masterAddress); // the restored pool after the run, for the audit report
    }
    return status.finish(result);
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
    List<String> others = others(r);
    if (others.contains(r.targetMasterAddress()) || new LinkedHashSet<>(others).size() != others.size()) {
      return "otherHostAddresses must not repeat an address or the target master";
    }
    return null;
  }

  private static List<String> others(PoolRestoreRequest r) {
    return r.otherHostAddresses() == null ? List.of() : r.otherHostAddresses();
  }

  private static Map<String, Map<String, String>> deviceConfigs(PoolRestoreRequest r) {
    return r.deviceConfigs() == null ? Map.of() : r.deviceConfigs();
  }

  private void plan() {
    status.plan("check-backup", "Check the backup: present, checksum, schema version");
    status.plan("check-hosts", "Check the fresh hosts: reachable, standalone, no VMs");
    status.plan("dry-run", "Dry-run the restore on the designated master (NIC names)");
    status.plan("restore-db", "Restore the pool database (the master reboots)");
    status.plan("wait-master", "Wait for the restored master");
    status.plan("storage", "Recreate PBDs for the new storage view and plug the shared SRs (SR repair)");
    status.plan("verify", "Verify the VMs and the shared SRs");
    status.plan("confirm", "Operator confirms the restored pool");
    status.plan("join", "Join the other fresh hosts");
    status.plan("reset-vms", "Reset VMs still marked active on lost hosts");
    status.plan("start-vms", "Start the VMs on suitable hosts, in HA order");
  }

  private RunResult restore(PoolRestoreRequest r) {
    String problem = invalid(r);
    if (problem != null) {
      return new RunResult(Outcome.FAILED, "invalid request: " + problem + "; nothing done", List.of());
    }
    plan();
    status.warn(SEED_DIFFERENCES);
    String target = r.targetMasterAddress();
    List<String> others = others(r);

    status.start("check-backup");
    PoolBackupCheck b = acts.poolRestore.checkPoolBackup(r.backupId());
    status.done("check-backup", "backup " + b.backupId() + " of pool " + b.poolUuid() + " taken " + b.takenAt()
        + ": checksum verified, schema " + b.schema() + ", " + b.hosts() + " hosts, " + b.vms() + " VMs");

    status.start("check-hosts");
    FreshHostCheck t = acts.poolRestore.checkFreshHost(target);
    boolean alreadyRestored = false;
    if (!t.usable()) {
      RestoreAttempt probe = null;
      if ("master".equals(t.probe())) {
        probe = acts.poolRestore.restorePoolDatabase(target, r.backupId(), true);
      }
      if (probe == null || probe.action() != RestoreAttempt.Action.ALREADY_RESTORED) {
        return status.failed("restore target " + target + " cannot be used: " + t.problem() + "; nothing was changed");
      }
      alreadyRestored = true; // a previous run restored it: continue from there
      status.warn(probe.detail());
    }
    List<String> unusable = new ArrayList<>();
    for (String address : others) {
      FreshHostCheck o = acts.poolRestore.checkFreshHost(address);
      if (!o.usable() && !followsRestoredPool(o, target)) {
        unusable.add(address + ": " + o.problem());
      }
    }
    if (!unusable.isEmpty()) {
      return status.failed("fresh hosts to join cannot be used: " + String.join("; ", unusable) + "; nothing was changed");
    }
    if (!alreadyRestored) {
      overview(target); // the fresh master before the restore, for the audit report
    }
    status.done("check-hosts", alreadyRestored ? target + " already runs the restored pool"
        : "target " + PoolRestoreGates.host(t) + " NICs " + t.nicDevices() + "; " + others.size() + " host(s) to join");

    if (alreadyRestored) {
      status.skip("dry-run", "the target already runs the backup's pool");
      status.skip("restore-db", "the target already runs the backup's pool");
    } else {
      status.start("dry-run");
      RestoreAttempt dry = acts.poolRestore.restorePoolDatabase(target, r.backupId(), true);
      status.operation("PUT /pool/xmldbdump", List.of(target, r.backupId(), "dry_run=true"), "ok", null);
      status.done("dry-run", dry.detail());

      status.start("restore-db");
      Guard<FreshHostCheck> g = gate.approve(new GuardedStep<>() {
        @Override
        public FreshHostCheck read() {
          return acts.poolRestore.checkFreshHost(target);
        }

        @Override
        public Optional<RunResult> stopBefore(FreshHostCheck now) {
          return now.usable() ? Optional.empty() : Optional.of(status.failed("restore target " + target
              + " changed and cannot be used any more: " + now.problem() + "; nothing was changed"));
        }

        @Override
        public GateRequest request(FreshHostCheck now) {
          return PoolRestoreGates.restoreDatabase(b, now, others);
        }

        @Override
        public String fingerprintNow() {
          return b.sha256() + "/" + acts.poolRestore.checkFreshHost(target).fingerprint();
        }
      });
      if (g.stop().isPresent()) {
        return status.stopped(g.stop().get());
      }
      String gateId = g.gateId();
      RestoreAttempt done = acts.poolRestore.restorePoolDatabase(target, r.backupId(), false);
      if (done.changedPool()) {
        status.operation("PUT /pool/xmldbdump", List.of(target, r.backupId(), "dry_run=false"), "ok", gateId);
      }
      status.done("restore-db", done.detail());
    }

    status.start("wait-master");
    status.waiting("wait-master", target + " reboots into the restored database");
    RestoredMaster m = acts.poolRestoreWaitingFor(WAIT_FOR_MASTER).restoredMaster(target, b.poolUuid());
    masterAddress = m.address();
    status.done("wait-master", m.address() + " is master of restored pool " + m.poolUuid() + " as host " + m.hostUuid());

    status.start("storage");
    Optional<RunResult> storageStop = repairStorage(r, b);
    if (storageStop.isPresent()) {
      return status.stopped(storageStop.get());
    }

    status.start("verify");
    RestoredPoolReport report = acts.poolRestore.inspectRestoredPool(masterAddress);
    for (SrState s : report.unreachableSrs()) {
      status.warn("shared SR " + s.srUuid() + " (" + s.name() + ") is plugged on " + s.attachedOnLiveHosts() + " of "
          + s.liveHosts() + " live hosts: VMs with disks there cannot start");
    }
    if (!report.defaultSrUsable()) {
      status.warn("the pool's default SR " + report.defaultSrUuid() + " is not usable from every live host; "
          + "set another shared SR as default (pool.set_default_SR)");
    }
    status.done("verify", report.vms() + " VMs (" + report.running() + " running, " + report.halted() + " halted, "
        + report.suspended() + " suspended), " + report.sharedSrs().size() + " shared SRs, "
        + report.unreachableSrs().size() + " not plugged everywhere");

    status.start("confirm");
    Guard<RestoredPoolReport> c = gate.approve(new GuardedStep<>() {
      @Override
      public RestoredPoolReport read() {
        return acts.poolRestore.inspectRestoredPool(masterAddress);
      }

      @Override
      public GateRequest request(RestoredPoolReport now) {
        return PoolRestoreGates.confirmRestoredPool(now, b, others);
      }

      @Override
      public String fingerprintNow() {
        return acts.poolRestore.inspectRestoredPool(masterAddress).fingerprint();
      }
    });
    if (c.stop().isPresent()) {
      return status.stopped(c.stop().get());
    }
    String confirmGate = c.gateId();
    status.done("confirm", "confirmed by " + c.approval().approvers());

    status.start("join");
    join(others, report, confirmGate);

    status.start("reset-vms");
    VmSelection toReset = select(offset -> acts.poolRestore.vmsToReset(masterAddress, offset, PAGE));
    VmFanOut fanOut = new VmFanOut(acts, status, r.maxParallel());
    if (toReset.uuids().isEmpty()) {
      status.skip("reset-vms", "no VM is marked active on a lost host (the restore reset the running ones)");
    } else {
      Guard<VmSelection> g = gate.approve(new GuardedStep<>() {
        @Override
        public VmSelection read() {
          return select(offset -> acts.poolRestore.vmsToReset(masterAddress, offset, PAGE));
        }

        @Override
        public GateRequest request(VmSelection now) {
          return PoolRestoreGates.resetVms(now, masterAddress);
        }

        @Override
        public String fingerprintNow() {
          return acts.poolRestore.vmsToReset(masterAddress, 0, 1).fingerprint();
        }
      });
      if (g.stop().isPresent()) {
        return status.stopped(g.stop().get());
      }
      VmBatchResult reset = fanOut.reset(masterAddress, null, true, g.state().uuids(), g.gateId());
      reset.leftAlone().forEach(v -> status.warn("not reset: " + v));
      status.done("reset-vms", reset.applied() + " reset, " + reset.unchanged() + " already Halted");
    }

    status.start("start-vms");
    VmSelection toStart = select(offset -> acts.poolRestore.vmsToStart(masterAddress, r.backupId(), offset, PAGE));
    VmBatchResult started = fanOut.start(masterAddress, List.of(), toStart.uuids());
    List<String> notRestartable = started.failed().stream().map(NotRestartable::describe).toList();
    status.done("start-vms", started.applied() + " started, " + started.unchanged() + " already running, "
        + notRestartable.size() + " not restartable");

    return new RunResult(Outcome.RECOVERED, "pool " + b.poolUuid() + " restored from backup " + b.backupId()
        + " (taken " + b.takenAt() + ") with master " + masterAddress + ", " + (1 + others.size()) + " host(s); "
        + started.applied() + " VMs started, " + started.unchanged() + " already running"
        + (notRestartable.isEmpty() ? "" : ", " + notRestartable.size() + " not restartable"), notRestartable);
  }

  /** A host to join that already follows the restored master (a repeated run) is fine. */
  private static boolean followsRestoredPool(FreshHostCheck o, String target) {
    return o.probe().equals("slave-of " + target);
  }

  /** The storage step: one gate for recreating PBDs and plugging shared SRs, skipped when nothing is needed. */
  private Optional<RunResult> repairStorage(PoolRestoreRequest r, PoolBackupCheck b) {
    Map<String, Map<String, String>> configs = deviceConfigs(r);
    StoragePlan p = storagePlan(configs);
    if (p.nothingToDo()) {
      status.skip("storage", "every shared SR is plugged on the master and no new device config was requested");
      return Optional.empty();
    }
    Guard<StoragePlan> g = gate.approve(new GuardedStep<>() {
      @Override
      public StoragePlan read() {
        return storagePlan(configs);
      }

      @Override
      public GateRequest request(StoragePlan now) {
        return PoolRestoreGates.repairStorage(now, configs);
      }

      @Override
      public String fingerprintNow() {
        return storagePlan(configs).fingerprint();
      }
    });
    if (g.stop().isPresent()) {
      return Optional.of(g.stop().get());
    }
    String gateId = g.gateId();
    for (PbdRepair todo : g.state().recreate()) {
      PbdRepair done = acts.pbd.recreatePbd(masterAddress, todo.srUuid(), todo.hostUuid(),
          configs.get(todo.srUuid()));
      recordPbd(todo, done, gateId);
    }
    List<String> srs = g.state().pool().sharedSrs().stream().map(SrState::srUuid).toList();
    List<SrRepairResult> repaired = acts.pbd.repairSrs(masterAddress, srs);
    recordRepairs(repaired, gateId);
    status.done("storage", g.state().recreate().size() + " PBD(s) recreated; SR repair: "
        + repaired.stream().mapToInt(x -> x.pluggedOnHosts().size()).sum() + " PBD(s) plugged");
    return Optional.empty();
  }

  private StoragePlan storagePlan(Map<String, Map<String, String>> configs) {
    PbdRepairPlan pbds = configs.isEmpty() ? null : acts.pbd.planPbdRepairs(masterAddress, configs);
    return new StoragePlan(pbds, acts.poolRestore.inspectRestoredPool(masterAddress));
  }

  private void recordPbd(PbdRepair planned, PbdRepair done, String gateId) {
    List<String> args = List.of(done.srUuid(), done.hostUuid());
    switch (done.action()) {
      case RECREATED -> {
        if (planned.attached()) {
          status.operation("PBD.unplug", List.of(planned.pbdUuid()), "ok", gateId);
        }
        status.operation("PBD.destroy", List.of(planned.pbdUuid()), "ok", gateId);
        status.operation("PBD.create", args, "ok " + done.pbdUuid() + " " + done.newConfig(), gateId);
        status.operation("PBD.plug", List.of(done.pbdUuid()), "ok", gateId);
      }
      case CREATED -> {
        status.operation("PBD.create", args, "ok " + done.pbdUuid() + " " + done.newConfig(), gateId);
        status.operation("PBD.plug", List.of(done.pbdUuid()), "ok", gateId);
      }
      case PLUGGED -> status.operation("PBD.plug", List.of(done.pbdUuid()), "ok", gateId);
      default -> {
        // already as requested: nothing was done
      }
    }
  }

  private void recordRepairs(List<SrRepairResult> repaired, String gateId) {
    for (SrRepairResult x : repaired) {
      x.createdOnHosts().forEach(h -> status.operation("PBD.create", List.of(x.srUuid(), h), "ok", gateId));
      x.pluggedOnHosts().forEach(h -> status.operation("PBD.plug", List.of(x.srUuid(), h), "ok", gateId));
      x.failures().forEach(f -> status.warn("SR " + x.srUuid() + " repair failed on " + f));
    }
  }

  /** Joins each fresh host, waits until the master sees it live, then plugs the shared SRs on it. */
  private void join(List<String> others, RestoredPoolReport report, String gateId) {
    if (others.isEmpty()) {
      status.skip("join", "no other fresh host to join");
      return;
    }
    int n = 0;
    for (String address : others) {
      JoinResult j = acts.host.joinPool(address, masterAddress);
      if (j.action() == JoinResult.Action.JOINED) {
        status.operation("pool.join", List.of(address, masterAddress), "ok", gateId);
      }
      JoinedHost h = acts.poolRestoreWaitingFor(WAIT_FOR_JOIN).joinedHost(masterAddress, address);
      status.running("join", ++n + " of " + others.size() + " joined (last: " + h.hostUuid() + " at " + address + ")");
    }
    List<String> srs = report.sharedSrs().stream().map(SrState::srUuid).toList();
    List<SrRepairResult> repaired = srs.isEmpty() ? List.of() : acts.pbd.repairSrs(masterAddress, srs);
    recordRepairs(repaired, gateId);
    status.done("join", others.size() + " host(s) joined; shared SRs plugged on "
        + repaired.stream().mapToInt(x -> x.pluggedOnHosts().size()).sum() + " more PBD(s)");
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

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
