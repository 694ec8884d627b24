package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
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
              Host settling = ReadinessScenarios.forgetHost2WhileHost3IsDisabled(r);
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
