package io.poolrescue.workflows.restore;

import io.poolrescue.activities.pbd.PbdRepair;
import io.poolrescue.activities.pbd.PbdRepairPlan;
import io.poolrescue.activities.pbd.SrRepairResult;
import io.poolrescue.activities.poolrestore.SrState;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RunStatusRecorder;
import java.util.List;
import java.util.Map;

/**
 * The storage step: one gate for recreating PBDs (new device configs) and plugging the shared SRs,
 * skipped when nothing is needed. {@link #run} returns a result only when the run must end here.
 */
record RepairStorage(RestoreContext ctx, String master) {

  RunResult run() {
    ActivityStubs acts = ctx.acts();
    RunStatusRecorder status = ctx.status();
    status.start(RestoreSteps.STORAGE);
    Map<String, Map<String, String>> configs = ctx.deviceConfigs();
    StoragePlan p = plan(configs);
    if (p.nothingToDo()) {
      status.skip(RestoreSteps.STORAGE, "every shared SR is plugged on the master and no new device config was requested");
      return null;
    }
    Guard<StoragePlan> g = ctx.gate().approve(GuardedStep.of(() -> plan(configs),
        now -> PoolRestoreGates.repairStorage(now, configs), StoragePlan::fingerprint));
    if (g.stop().isPresent()) {
      return status.stopped(g.stop().get());
    }
    PbdOperations ops = new PbdOperations(status);
    for (PbdRepair todo : g.state().recreate()) {
      PbdRepair done = acts.pbd.recreatePbd(master, todo.srUuid(), todo.hostUuid(), configs.get(todo.srUuid()));
      ops.recreated(todo, done, g.gateId());
    }
    List<String> srs = g.state().pool().sharedSrs().stream().map(SrState::srUuid).toList();
    List<SrRepairResult> repaired = acts.pbd.repairSrs(master, srs);
    ops.repaired(repaired, g.gateId());
    status.done(RestoreSteps.STORAGE, g.state().recreate().size() + " PBD(s) recreated; SR repair: "
        + PbdOperations.plugged(repaired) + " PBD(s) plugged");
    return null;
  }

  private StoragePlan plan(Map<String, Map<String, String>> configs) {
    ActivityStubs acts = ctx.acts();
    PbdRepairPlan pbds = configs.isEmpty() ? null : acts.pbd.planPbdRepairs(master, configs);
    return new StoragePlan(pbds, acts.poolRestore.inspectRestoredPool(master));
  }
}
