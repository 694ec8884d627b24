package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded runs since behaviour version 3: the worker's policy read at run start, the request's
 * addresses checked against its scope, the pool lock, signed starts and decisions, and pool-changing
 * calls that carry the approval they act under.
 */
final class AuthorityScenarios {
  private AuthorityScenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>(List.of(
        new Scenario("authority-member-forget-signed", PoolSource.preset("small"),
            "FORGET a member whose power failed, under a policy that accepts signed starts and decisions only: "
                + "alice signs the start, bob signs every approval", Outcome.RECOVERED, r -> {
              Host h = MemberFailureScenarios.host(r, "host-2");
              r.env().sim.killHost(h.uuid());
              r.env().start("MemberFailureRecovery", r.workflowId(), request(r, h));
              r.control().approveEverything();
              r.control().result();
            }).underSignatures(),
        new Scenario("authority-member-forget-unsigned-start", PoolSource.preset("small"),
            "the same policy refuses an unsigned start before anything else: the verdict is in the history",
            Outcome.FAILED, r -> {
              Host h = MemberFailureScenarios.host(r, "host-2");
              r.env().sim.killHost(h.uuid());
              r.env().client.newUntypedWorkflowStub("MemberFailureRecovery", r.env().options(r.workflowId()))
                  .start(request(r, h));
              r.control().result();
            }).underSignatures()));
    // today's commands for the fenced runs: policy, scope and lock first, the approval passed to each call
    for (Scenario s : FencingScenarios.all()) {
      all.add(s.named(s.name().replaceFirst("^fenced-", "authority-")));
    }
    return all;
  }

  private static MemberFailureRequest request(Scenario.Recording r, Host h) {
    return new MemberFailureRequest(r.env().sim.masterAddress(), h.uuid(), Mode.FORGET, RecordingEnv.STARTER, null,
        4);
  }
}
