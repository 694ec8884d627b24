package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded runs since behaviour version 12: a start and decisions signed in a browser (WebAuthn
 * assertions of credentials the worker's policy lists, their counters growing), and today's
 * commands of every scenario recorded under version 11.
 */
final class BrowserScenarios {
  static final String PREFIX = "browser-";

  private BrowserScenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>(List.of(
        new Scenario(PREFIX + "member-forget-webauthn", PoolSource.preset("small"),
            "FORGET a member whose power failed, under a policy that accepts signed starts and decisions only: "
                + "alice signs the start and bob every approval with a WebAuthn authenticator, as in the console",
            Outcome.RECOVERED, r -> {
              Host dead = MemberFailureScenarios.host(r, "host-2");
              r.env().sim.killHost(dead.uuid());
              r.env().start("MemberFailureRecovery", r.workflowId(), new MemberFailureRequest(
                  r.env().sim.masterAddress(), dead.uuid(), Mode.FORGET, RecordingEnv.STARTER, null, 4));
              r.control().approveEverything();
              r.control().result();
            }).underBrowserSignatures()));
    for (Scenario s : PaceScenarios.all()) {
      all.add(s.named(s.name().replaceFirst("^" + PaceScenarios.PREFIX, PREFIX)));
    }
    return all;
  }
}
