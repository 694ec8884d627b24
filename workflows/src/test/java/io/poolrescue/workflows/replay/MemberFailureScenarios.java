package io.poolrescue.workflows.replay;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/** Recorded runs of {@code MemberFailureRecovery}: the happy paths and the ways a run stops or asks again. */
final class MemberFailureScenarios {
  private MemberFailureScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("member-forget-approved", PoolSource.preset("small"),
            "FORGET a dead member: every gate approved, VMs restarted elsewhere", Outcome.RECOVERED, r -> {
              start(r, "host-2", Mode.FORGET, ApprovalPolicy.defaults());
              r.control().approveEverything();
              r.control().result();
            }),
        new Scenario("member-forget-two-approvers", PoolSource.preset("small"),
            "FORGET with a quorum of two named approvers and a reminder before the second vote", Outcome.RECOVERED, r -> {
              start(r, "host-2", Mode.FORGET,
                  new ApprovalPolicy(List.of("bob", "carol"), 2, false, Duration.ofMinutes(15), Duration.ofHours(4)));
              RunControl c = r.control();
              for (String gate : List.of("confirm-host-off", "reset-vms", "release-vdi-locks", "forget-host")) {
                c.awaitGate(gate);
                c.decide(gate, "bob", Decision.APPROVE, "power cut confirmed on the PDU");
                c.sleep(Duration.ofMinutes(20));
                c.decide(gate, "carol", Decision.APPROVE, "agreed, ticket INC-4711");
              }
              c.result();
            }),
        new Scenario("member-forget-rejected", PoolSource.preset("small"),
            "FORGET stopped by a rejection at the VM reset gate: nothing dangerous after it", Outcome.REJECTED, r -> {
              start(r, "host-2", Mode.FORGET, ApprovalPolicy.defaults());
              RunControl c = r.control();
              c.awaitGate("confirm-host-off");
              c.approve("confirm-host-off", "host-2 is dark in the rack");
              c.awaitGate("reset-vms");
              c.decide("reset-vms", "bob", Decision.REJECT, "storage team still copying vm-06's disk");
              c.result();
            }),
        new Scenario("member-forget-expired", PoolSource.preset("small"),
            "FORGET whose first gate is reminded and then expires: the run stops safely", Outcome.EXPIRED, r -> {
              start(r, "host-2", Mode.FORGET, ApprovalPolicy.defaults());
              r.control().awaitGate("confirm-host-off");
              r.control().result();
            }),
        new Scenario("member-forget-reasked", PoolSource.preset("small"),
            "FORGET whose VM reset approval is voided (a VM was reset by hand) and asked again as reset-vms#2", Outcome.RECOVERED, r -> {
              start(r, "host-2", Mode.FORGET, ApprovalPolicy.defaults());
              RunControl c = r.control();
              c.awaitGate("confirm-host-off");
              c.approve("confirm-host-off", "host-2 is dark in the rack");
              c.awaitGate("reset-vms");
              Vm vm05 = vm(r, "vm-05");
              r.byHand(() -> r.env().sim.connect(r.env().sim.masterAddress()).vmPowerStateReset(vm05.uuid()));
              c.approve("reset-vms", "go");
              c.approveEverything();
              c.result();
            }),
        new Scenario("member-forget-ha", PoolSource.preset("small-ha"),
            "FORGET with HA on: HA disabled and enabled again, each behind its gate", Outcome.RECOVERED, r -> {
              start(r, "host-2", Mode.FORGET, ApprovalPolicy.defaults());
              r.control().approveEverything();
              r.control().result();
            }),
        new Scenario("member-repair", PoolSource.preset("small"),
            "REPAIR: waits for the host to come back, nothing dangerous", Outcome.RECOVERED, r -> {
              Host h2 = host(r, "host-2");
              start(r, "host-2", Mode.REPAIR, ApprovalPolicy.defaults());
              RunControl c = r.control();
              c.awaitStatus("waiting for the repair", s -> s.phase() != null && s.steps().stream()
                  .anyMatch(st -> st.id().equals("wait-back") && st.startedAt() != null));
              c.sleep(Duration.ofMinutes(20));
              r.env().sim.bringBack(h2.uuid());
              c.result();
            }),
        new Scenario("member-live-refused", PoolSource.preset("small"),
            "A live host: the run refuses and does nothing", Outcome.FAILED, r -> {
              MemberFailureRecovery run = r.env().newRun(MemberFailureRecovery.class, r.workflowId());
              WorkflowClient.start(run::run, new MemberFailureRequest(r.env().sim.masterAddress(),
                  host(r, "host-3").uuid(), Mode.FORGET, RecordingEnv.STARTER, ApprovalPolicy.defaults(), 4));
              r.control().result();
            }));
  }

  /** Kills the host (unless REPAIR on a live host is wanted) and starts the run. */
  private static void start(Scenario.Recording r, String hostName, Mode mode, ApprovalPolicy policy) {
    Host h = host(r, hostName);
    r.env().sim.killHost(h.uuid());
    MemberFailureRecovery run = r.env().newRun(MemberFailureRecovery.class, r.workflowId());
    WorkflowClient.start(run::run, new MemberFailureRequest(r.env().sim.masterAddress(), h.uuid(), mode,
        RecordingEnv.STARTER, policy, 4));
  }

  static Host host(Scenario.Recording r, String name) {
    return r.env().sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst().orElseThrow();
  }

  static Vm vm(Scenario.Recording r, String name) {
    return r.env().sim.snapshot().vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst().orElseThrow();
  }
}
