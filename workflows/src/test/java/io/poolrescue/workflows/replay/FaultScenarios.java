package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded runs since behaviour version 6: a dead host that the master marks live again (its agent
 * restarted, and the host's liveness timer with it) is waited out before the next dangerous step,
 * and every activity notices a lost worker within seconds (PoolBackup too, which decides its version
 * from now on). Every scenario recorded under version 4 came with them. Kept as recorded: today's
 * runs are {@link SiteScenarios}.
 */
final class FaultScenarios {
  static final String PREFIX = "faults-";

  private FaultScenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>(List.of(
        new Scenario(PREFIX + "member-forget-master-restart", PoolSource.preset("small"),
            "FORGET a member whose power failed; the master's agent restarts while the reset-vms gate is open, "
                + "marking the dead host live again: the run waits until it is declared dead again", Outcome.RECOVERED,
            r -> {
              Host dead = MemberFailureScenarios.host(r, "host-2");
              r.env().sim.killHost(dead.uuid());
              r.env().start("MemberFailureRecovery", r.workflowId(), new MemberFailureRequest(
                  r.env().sim.masterAddress(), dead.uuid(), Mode.FORGET, RecordingEnv.STARTER, null, 4));
              RunControl c = r.control();
              c.approveUntil("reset-vms");
              r.byHand(() -> r.env().sim.restartAgentAt(r.env().sim.masterAddress()));
              c.approve("reset-vms", "host-2 is off, its BMC says so");
              c.approveEverything();
              c.result();
            })));
    // PoolBackup decides a version since version 6 (before, its histories carry no marker)
    OtherProcedureScenarios.all().stream().filter(s -> s.name().startsWith("backup-"))
        .forEach(s -> all.add(s.named(PREFIX + s.name())));
    for (Scenario s : ReadinessScenarios.all()) {
      all.add(s.named(s.name().replaceFirst("^" + ReadinessScenarios.PREFIX, PREFIX)));
    }
    return all;
  }
}
