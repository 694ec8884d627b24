package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.BmcFault;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/** Recorded runs since fencing: the host is off because its BMC says so, or the run stops. */
final class FencingScenarios {
  private FencingScenarios() {}

  static List<Scenario> all() {
    List<Scenario> all = new java.util.ArrayList<>(fencedRuns());
    // a restore fences the backup's hosts that are not among the fresh installs: its BMCs say Off
    all.add(PoolRestoreScenarios.all().get(0).named("fenced-restore-small-approved"));
    return all;
  }

  private static List<Scenario> fencedRuns() {
    return List.of(
        new Scenario("fenced-member-forget-power-lost", PoolSource.preset("small"),
            "FORGET a member whose power failed: its BMC says Off, no one confirms by hand, every gate approved",
            Outcome.RECOVERED, r -> {
              forget(r, "host-2", (sim, h) -> sim.killHost(h));
              r.control().approveEverything();
              r.control().result();
            }),
        new Scenario("fenced-member-forget-cut-network", PoolSource.preset("small"),
            "FORGET a member cut off the network whose VMs still run: gate fence-host powers it off through its "
                + "BMC before any reset, lock release or forget", Outcome.RECOVERED, r -> {
              forget(r, "host-3", (sim, h) -> sim.cutNetwork(h));
              RunControl c = r.control();
              c.approveUntil("fence-host");
              c.approve("fence-host", "host-3 unreachable, its VMs must not run twice");
              c.approveEverything();
              c.result();
            }),
        new Scenario("fenced-member-forget-bmc-unreachable", PoolSource.preset("small"),
            "FORGET a dead member whose BMC does not answer: the run stops before anything dangerous",
            Outcome.FAILED, r -> {
              forget(r, "host-2", (sim, h) -> {
                sim.killHost(h);
                sim.setBmcFault(h, BmcFault.UNREACHABLE);
              });
              r.control().result();
            }),
        new Scenario("fenced-master-cut-network", MasterFailureScenarios.LOCAL_DEFAULT_SR,
            "the master is cut off the network and runs on: it is powered off through its BMC before a member is "
                + "promoted, then forgotten in the child run", Outcome.RECOVERED, r -> {
              Host old = MemberFailureScenarios.host(r, "host-1");
              r.env().sim.cutNetwork(old.uuid());
              MasterFailureRecovery run = r.env().newRun(MasterFailureRecovery.class, r.workflowId());
              WorkflowClient.start(run::run, new MasterFailureRequest(MasterFailureScenarios.OLD,
                  MasterFailureScenarios.MEMBERS, null, Duration.ofMinutes(5), null, RecordingEnv.STARTER,
                  ApprovalPolicy.defaults(), 4));
              RunControl c = r.control();
              c.approveUntil("fence-host");
              c.approve("fence-host", "the old master must be off before another one is promoted");
              c.approveEverything();
              RunControl child = r.env().control(r.workflowId() + "/forget-old-master");
              c.awaitStatus("the child run", s -> !s.children().isEmpty() && child.statusIfProcedure() != null);
              child.approveEverything();
              c.result();
            }));
  }

  /** Breaks the host as {@code fault} says and starts a FORGET run of it. */
  private static void forget(Scenario.Recording r, String hostName,
      BiConsumer<io.poolrescue.simulator.SimulatedPool, String> fault) {
    Host h = MemberFailureScenarios.host(r, hostName);
    fault.accept(r.env().sim, h.uuid());
    MemberFailureRecovery run = r.env().newRun(MemberFailureRecovery.class, r.workflowId());
    WorkflowClient.start(run::run, new MemberFailureRequest(r.env().sim.masterAddress(), h.uuid(), Mode.FORGET,
        RecordingEnv.STARTER, ApprovalPolicy.defaults(), 4));
  }
}
