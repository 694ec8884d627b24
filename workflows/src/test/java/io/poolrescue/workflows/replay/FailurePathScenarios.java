package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.StepState;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/**
 * Recorded runs that end in a failure after dangerous operations were applied: they pin the failure
 * texts and the run's last commands (the overview after the run) on the path every procedure shares.
 */
final class FailurePathScenarios {
  private FailurePathScenarios() {}

  /** The failure paths as the code of behaviour version 2 recorded them (fenced). */
  static List<Scenario> all() {
    return beforeFencing().stream().map(s -> s.named("fenced-" + s.name())).toList();
  }

  /** The failure paths as today's code records them. */
  static List<Scenario> today() {
    return named(ScheduleScenarios.PREFIX);
  }

  /** The failure paths under the names of the recordings made with one behaviour version ({@code prefix}). */
  static List<Scenario> named(String prefix) {
    return beforeFencing().stream().map(s -> s.named(prefix + s.name())).toList();
  }

  /** The same scripts, recorded before fencing under their own names. */
  static List<Scenario> beforeFencing() {
    return List.of(
        new Scenario("member-forget-enable-ha-refused", PoolSource.preset("small-ha"),
            "FORGET with HA on: another member dies while the enable-ha gate is open, pool.enable_ha is refused "
                + "(HOST_OFFLINE) after the VMs were reset, the locks released and the host forgotten", Outcome.FAILED, r -> {
              Host dead = MemberFailureScenarios.host(r, "host-2");
              r.env().sim.killHost(dead.uuid());
              MemberFailureRecovery run = r.env().newRun(MemberFailureRecovery.class, r.workflowId());
              WorkflowClient.start(run::run, new MemberFailureRequest(r.env().sim.masterAddress(), dead.uuid(),
                  Mode.FORGET, RecordingEnv.STARTER, ApprovalPolicy.defaults(), 4));
              RunControl c = r.control();
              c.approveUntil("enable-ha");
              Host other = MemberFailureScenarios.host(r, "host-3");
              r.byHand(() -> r.env().sim.killHost(other.uuid()));
              c.sleep(Duration.ofMinutes(15)); // the master declares host-3 dead meanwhile
              c.approveEverything();
              c.result();
            }),
        new Scenario("master-child-forget-fails", MasterFailureScenarios.LOCAL_DEFAULT_SR,
            "a member promoted; the old master comes back while its child FORGET waits at the forget-host gate: the "
                + "child stops FAILED and so does the parent", Outcome.FAILED, r -> {
              Host old = MemberFailureScenarios.host(r, "host-1");
              r.env().sim.killMaster();
              MasterFailureRecovery run = r.env().newRun(MasterFailureRecovery.class, r.workflowId());
              WorkflowClient.start(run::run, new MasterFailureRequest(MasterFailureScenarios.OLD,
                  MasterFailureScenarios.MEMBERS, null, Duration.ofMinutes(5), null, RecordingEnv.STARTER,
                  ApprovalPolicy.defaults(), 4));
              RunControl c = r.control();
              c.approveUntil("set-default-sr");
              c.approve("set-default-sr", "checked");
              RunControl child = r.env().control(r.workflowId() + "/forget-old-master");
              c.awaitStatus("the child run", s -> !s.children().isEmpty() && child.statusIfProcedure() != null);
              child.approveUntil("forget-host");
              r.byHand(() -> r.env().sim.bringBack(old.uuid()));
              c.sleep(Duration.ofMinutes(2));
              child.approveEverything();
              c.result();
            }),
        new Scenario("restore-master-never-back", PoolSource.preset("small"),
            "the database restored onto the fresh master, which loses power while rebooting: the wait for it "
                + "times out and the run fails at wait-master", Outcome.FAILED, r -> {
              String target = PoolRestoreScenarios.start(r, 3, 65536).get(0);
              RunControl c = r.control();
              c.approveUntil("restore-database");
              c.approve("restore-database", "newest good backup");
              c.awaitStatus("the wait for the restored master", s -> s.steps().stream()
                  .anyMatch(st -> st.id().equals("wait-master") && st.state() == StepState.WAITING));
              r.byHand(() -> r.env().sim.killHost(target));
              c.result();
            }));
  }
}
