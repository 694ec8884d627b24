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

/**
 * Joins each fresh host (approved with the restored pool), waits until the master sees it live, then
 * plugs the shared SRs on it. From {@link Versions#POOL_PACE} the joins go one after another without
 * waiting for the last joiner's agent restart; the waits come after the last join.
 */
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
    if (ctx.version() >= Versions.POOL_PACE) {
      // one join at a time (the master exchanges certificates with each joiner), but the next one
      // goes while the last joiner restarts its agent: the waits for them overlap
      others.forEach(address -> join(acts, address, gateId));
      for (int i = 0; i < others.size(); i++) {
        awaitJoined(acts, status, others, i);
      }
    } else {
      for (int i = 0; i < others.size(); i++) {
        join(acts, others.get(i), gateId);
        awaitJoined(acts, status, others, i);
      }
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

  private void join(ActivityStubs acts, String address, String gateId) {
    JoinResult j = acts.host.joinPool(address, master);
    if (j.action() == JoinResult.Action.JOINED) {
      ctx.status().operation("pool.join", List.of(address, master), "ok", gateId);
    }
  }

  /** Waits until the master sees the {@code i}-th joiner live. */
  private void awaitJoined(ActivityStubs acts, RunStatusRecorder status, List<String> others, int i) {
    JoinedHost h = acts.poolRestoreWaitingFor(WAIT_FOR_JOIN).joinedHost(master, others.get(i));
    status.running(RestoreSteps.JOIN, (i + 1) + " of " + others.size() + " joined (last: " + h.hostUuid() + " at "
        + others.get(i) + ")");
  }
}
