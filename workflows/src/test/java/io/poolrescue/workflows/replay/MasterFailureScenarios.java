package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.testing.TestPools;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/** Recorded runs of {@code MasterFailureRecovery}. */
final class MasterFailureScenarios {
  static final String OLD = "127.0.10.1";
  static final List<String> MEMBERS = List.of("127.0.10.2", "127.0.10.3");
  /** The small layout with the default SR local to the master: after its loss the default SR must move. */
  static final PoolSource LOCAL_DEFAULT_SR = PoolSource.spec(TestPools.small("local-host-1"));

  private MasterFailureScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("master-promote-approved", LOCAL_DEFAULT_SR,
            "the master is lost: a member promoted, slaves recovered, default SR moved, the old master forgotten by"
                + " a child MemberFailureRecovery; every gate approved", Outcome.RECOVERED, r -> {
              start(r, ApprovalPolicy.defaults());
              r.control().approveEverything();
              r.control().result();
            }),
        new Scenario("master-promote-rejected", LOCAL_DEFAULT_SR,
            "the promotion is rejected: nothing dangerous is done", Outcome.REJECTED, r -> {
              start(r, ApprovalPolicy.defaults());
              RunControl c = r.control();
              c.approveUntil("promote-master");
              c.sleep(Duration.ofMinutes(3));
              c.decide("promote-master", "bob", Decision.REJECT, "the old master is only rebooting, wait for it");
              c.result();
            }),
        new Scenario("master-default-sr-expired", LOCAL_DEFAULT_SR,
            "promotion approved, the default SR gate reminded and then expired (short policy)", Outcome.EXPIRED, r -> {
              start(r, new ApprovalPolicy(List.of(), 1, false, Duration.ofMinutes(10), Duration.ofHours(1)));
              r.control().approveUntil("set-default-sr");
              r.control().result();
            }),
        new Scenario("master-old-back", PoolSource.preset("small"),
            "the old master comes back during the wait: nothing to do", Outcome.NOTHING_TO_DO, r -> {
              Host old = host(r, "host-1");
              start(r, ApprovalPolicy.defaults());
              r.control().awaitStatus("the wait for the old master", st -> st.phase().startsWith("waiting"));
              r.control().sleep(Duration.ofMinutes(2));
              r.env().sim.bringBack(old.uuid());
              r.control().result();
            }),
        new Scenario("master-ha-elected", PoolSource.preset("small-ha"),
            "HA elects a new master by itself: the run waits and verifies, nothing done by hand", Outcome.RECOVERED, r -> {
              start(r, ApprovalPolicy.defaults());
              r.control().approveEverything();
              r.control().result();
            }));
  }

  private static void start(Scenario.Recording r, ApprovalPolicy policy) {
    r.env().sim.killMaster();
    MasterFailureRecovery run = r.env().newRun(MasterFailureRecovery.class, r.workflowId());
    WorkflowClient.start(run::run, new MasterFailureRequest(OLD, MEMBERS, null, Duration.ofMinutes(5), null,
        RecordingEnv.STARTER, policy, 4));
  }

  private static Host host(Scenario.Recording r, String name) {
    return r.env().sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst().orElseThrow();
  }
}
