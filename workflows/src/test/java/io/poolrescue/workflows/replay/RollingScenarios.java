package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded runs since behaviour version 13: VM starts begin on the hosts that are ready while others
 * still settle, and today's commands of every scenario recorded under version 12. The settling-host
 * scenario replaces version 12's, whose script waited for the readiness wait this version no
 * longer makes.
 */
final class RollingScenarios {
  static final String PREFIX = "rolling-";

  private RollingScenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>(List.of(
        new Scenario(PREFIX + "member-forget-host-settling", PoolSource.preset("small"),
            "FORGET a member whose power failed while another host is still disabled: the VMs start on the "
                + "ready hosts at once, without waiting for that host", Outcome.RECOVERED, r -> {
              Host dead = MemberFailureScenarios.host(r, "host-2");
              Host settling = MemberFailureScenarios.host(r, "host-3");
              r.env().sim.killHost(dead.uuid());
              r.env().sim.setHostEnabled(settling.uuid(), false);
              r.env().start("MemberFailureRecovery", r.workflowId(), new MemberFailureRequest(
                  r.env().sim.masterAddress(), dead.uuid(), Mode.FORGET, RecordingEnv.STARTER, null, 4));
              r.control().approveEverything();
              r.control().result();
              r.env().sim.setHostEnabled(settling.uuid(), true);
            })));
    for (Scenario s : BrowserScenarios.all()) {
      Scenario renamed = s.named(s.name().replaceFirst("^" + BrowserScenarios.PREFIX, PREFIX));
      if (all.stream().noneMatch(x -> x.name().equals(renamed.name()))) {
        all.add(renamed);
      }
    }
    return all;
  }
}
