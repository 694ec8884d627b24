package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.testing.TestPools;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded runs since behaviour version 11: a VM of a higher HA tier that waits only for its start
 * order no longer holds the lower tiers back (its place is kept), and a pool restore joins its hosts
 * without waiting for each to come back first. A member failure whose restart tier has two start
 * orders, and today's commands of every scenario recorded under version 8.
 */
final class PaceScenarios {
  static final String PREFIX = "pace-";

  private PaceScenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>(List.of(
        new Scenario(PREFIX + "member-forget-two-start-orders", PoolSource.spec(TestPools.smallWithTwoStartOrders()),
            "FORGET a member whose restart VMs have two HA start orders: the best-effort VM and the one without "
                + "priority start beside the first order, the second order once the first has started",
            Outcome.RECOVERED, r -> {
              Host dead = MemberFailureScenarios.host(r, "host-2");
              r.env().sim.killHost(dead.uuid());
              r.env().start("MemberFailureRecovery", r.workflowId(), new MemberFailureRequest(
                  r.env().sim.masterAddress(), dead.uuid(), Mode.FORGET, RecordingEnv.STARTER, null, 0));
              RunControl c = r.control();
              c.approveEverything();
              c.result();
            })));
    for (Scenario s : ScheduleScenarios.all()) {
      all.add(s.named(s.name().replaceFirst("^" + ScheduleScenarios.PREFIX, PREFIX)));
    }
    return all;
  }
}
