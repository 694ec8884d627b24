package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded runs since behaviour version 4: VMs are started only once the hosts are ready (a host
 * that restarted refuses connections, then stays disabled until its PBDs are plugged), and a new
 * master's members are waited for while they restart. Kept as recorded: today's runs are
 * {@link FaultScenarios}.
 */
final class ReadinessScenarios {
  static final String PREFIX = "readiness-";

  private ReadinessScenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>(List.of(
        new Scenario(PREFIX + "member-forget-host-settling", PoolSource.preset("small"),
            "FORGET a member whose power failed while another host is still disabled: the VMs are started once "
                + "that host is ready", Outcome.RECOVERED, r -> {
              Host settling = forgetHost2WhileHost3IsDisabled(r);
              RunControl c = r.control();
              c.approveUntil("forget-host");
              c.approve("forget-host", "host-2 is off, its BMC says so");
              c.awaitStatus("the readiness wait", s -> s.phase().startsWith("waiting")
                  && s.steps().stream().anyMatch(x -> x.id().equals("restart-vms") && x.startedAt() != null));
              r.env().sim.setHostEnabled(settling.uuid(), true);
              c.result();
            })));
    // today's commands for the runs recorded under version 3, and for the failure paths
    for (Scenario s : AuthorityScenarios.all()) {
      all.add(s.named(s.name().replaceFirst("^authority-", PREFIX)));
    }
    all.addAll(FailurePathScenarios.named(PREFIX));
    return all;
  }

  /** host-2 loses its power and host-3 is disabled (as after an agent restart); a FORGET run starts. Returns host-3. */
  static Host forgetHost2WhileHost3IsDisabled(Scenario.Recording r) {
    Host dead = MemberFailureScenarios.host(r, "host-2");
    Host settling = MemberFailureScenarios.host(r, "host-3");
    r.env().sim.killHost(dead.uuid());
    r.env().sim.setHostEnabled(settling.uuid(), false);
    r.env().start("MemberFailureRecovery", r.workflowId(), new MemberFailureRequest(
        r.env().sim.masterAddress(), dead.uuid(), Mode.FORGET, RecordingEnv.STARTER, null, 4));
    return settling;
  }
}
