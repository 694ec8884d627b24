package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.SiteRoute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks people whether a run whose site has no worker may go on at the pool's standby site: the gate
 * {@value #GATE}, under the run's policy like any other (quorum, approvers, signatures, four eyes).
 * Offered only from {@link Versions#STANDBY} on, to a run whose recorded policy allows it and whose
 * pool names a standby site in the inventory. The gate has a step of its own in the status.
 */
final class StandbyMove {
  /** Gate and step id: recorded in histories and in decide payloads, so never renamed. */
  static final String GATE = "move-to-standby-site";

  private final ApprovalGate gate;
  private final RunStatusRecorder status;
  /** The inventory's uuid of the run's pool: what the move is about. */
  private final String poolUuid;

  StandbyMove(ApprovalGate gate, RunStatusRecorder status, String poolUuid) {
    this.gate = gate;
    this.status = status;
    this.poolUuid = poolUuid;
  }

  /** Opens the gate for moving {@code from}'s calls to its standby site; true once approved. */
  boolean ask(SiteRoute from) {
    GateOutcome outcome = gate.ask(request(from));
    if (outcome instanceof GateOutcome.Approved) {
      status.done(GATE, "the run's pool and BMC calls go to task queue " + from.atStandby().queue());
      status.warn("the run moved from site " + from.site() + " to its pool's standby site " + from.standby()
          + ": its pool and BMC calls go to " + from.atStandby().queue());
      return true;
    }
    status.warn("the run stays at site " + from.site() + " and waits for a worker there (the move to standby site "
        + from.standby() + " was not approved)");
    return false;
  }

  private GateRequest request(SiteRoute from) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("pool's site", from.site() + ": no worker took a call on task queue " + from.queue() + " within "
        + from.workerWait().toSeconds() + "s");
    evidence.put("standby site", from.standby() + " (the inventory's standbySite of pool " + poolUuid
        + "): its workers reach the pool's XAPI and BMCs too");
    evidence.put("after the move", "every later pool and BMC call of this run goes to task queue "
        + from.atStandby().queue() + "; the run never comes back to " + from.site());
    return new GateRequest(GATE, GATE, "Move this run from site " + from.site() + " to standby site "
            + from.standby(), poolUuid == null ? List.of() : List.of(poolUuid),
        "No worker of site " + from.site() + " takes this run's calls, so the recovery cannot go on there. The "
            + "standby site's workers fence through the same BMCs before any dangerous call, and each call still "
            + "waits for its own gate. Reject if " + from.site() + "'s workers are only restarting: the run then "
            + "waits for them.",
        evidence, "site " + from.site() + " -> " + from.standby());
  }
}
