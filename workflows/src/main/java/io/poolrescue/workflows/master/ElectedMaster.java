package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.PoolOverview;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Step;
import java.util.List;

/**
 * HA elected a master: nothing is promoted; the members must follow it and the default SR is
 * checked. HA fenced the old master and restarted its protected VMs, so it is not forgotten here.
 */
final class ElectedMaster {
  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final NewMasterChecks checks;

  ElectedMaster(ActivityStubs acts, RunStatusRecorder status, NewMasterChecks checks) {
    this.acts = acts;
    this.status = status;
    this.checks = checks;
  }

  RunResult run(MasterFailureRequest r, String elected, List<String> everyone) {
    for (Step s : List.of(MasterSteps.CHOOSE, MasterSteps.PROMOTE, MasterSteps.WAIT_AGENT, MasterSteps.RECOVER_SLAVES)) {
      status.skip(s, "HA elected " + elected);
    }
    RunResult stop = checks.verify(r, elected, everyone);
    if (stop != null) {
      return stop;
    }
    status.skip(MasterSteps.FORGET_OLD_MASTER, "HA fenced the old master and restarted its protected VMs");
    status.warn("the old master " + r.oldMasterAddress() + " stays in the pool as a dead host: repair it (it rejoins as "
        + "a member) or forget it with MemberFailureRecovery (FORGET)");
    PoolOverview after = acts.inspect.pool(elected);
    return new RunResult(Outcome.RECOVERED, "HA elected " + elected + " master (HA "
        + (after.haEnabled() ? "on" : "off") + "); every answering member follows it; default SR checked", List.of());
  }
}
