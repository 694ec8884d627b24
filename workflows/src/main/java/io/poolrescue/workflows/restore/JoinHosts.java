package io.poolrescue.workflows.restore;

import io.poolrescue.activities.host.JoinResult;
import io.poolrescue.activities.pbd.SrRepairResult;
import io.poolrescue.activities.poolrestore.JoinedHost;
import io.poolrescue.activities.poolrestore.RestoredPoolReport;
import io.poolrescue.activities.poolrestore.SrState;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.ReadinessWait;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import java.time.Duration;
import java.util.List;

/** Joins each fresh host (approved with the restored pool), waits until the master sees it live, then plugs the shared SRs on it. */
record JoinHosts(RestoreContext ctx, String master) {
  static final Duration WAIT_FOR_JOIN = Duration.ofMinutes(20);

  void run(List<String> others, RestoredPoolReport report, String gateId) {
    ActivityStubs acts = ctx.acts();
    RunStatusRecorder status = ctx.status();
    status.start(RestoreSteps.JOIN);
    if (others.isEmpty()) {
      status.skip(RestoreSteps.JOIN, "no other fresh host to join");
      return;
    }
    int n = 0;
    for (String address : others) {
      JoinResult j = acts.host.joinPool(address, master);
      if (j.action() == JoinResult.Action.JOINED) {
        status.operation("pool.join", List.of(address, master), "ok", gateId);
      }
      JoinedHost h = acts.poolRestoreWaitingFor(WAIT_FOR_JOIN).joinedHost(master, address);
      status.running(RestoreSteps.JOIN, ++n + " of " + others.size() + " joined (last: " + h.hostUuid() + " at "
          + address + ")");
    }
    if (ctx.version() >= Versions.READINESS) {
      // each joined host restarts its agent: PBD.plug forwarded to it fails until it answers again
      new ReadinessWait(acts, status).await(master, List.of());
    }
    List<String> srs = report.sharedSrs().stream().map(SrState::srUuid).toList();
    List<SrRepairResult> repaired = srs.isEmpty() ? List.of() : acts.pbd.repairSrs(master, srs);
    new PbdOperations(status).repaired(repaired, gateId);
    status.done(RestoreSteps.JOIN, others.size() + " host(s) joined; shared SRs plugged on "
        + PbdOperations.plugged(repaired) + " more PBD(s)");
  }
}
