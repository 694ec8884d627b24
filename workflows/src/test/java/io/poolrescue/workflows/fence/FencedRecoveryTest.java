package io.poolrescue.workflows.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.BmcFault;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A FORGET run over the wire against the simulated pool and its simulated BMCs, reached by the real
 * Redfish agent: a host that still runs is powered off through its BMC before anything that assumes
 * it is off, and a host no BMC can vouch for stops the run, unless two people attest it.
 */
class FencedRecoveryTest {
  private RecoveryTestEnv t;

  @AfterEach
  void tearDown() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void aMemberCutOffTheNetworkIsPoweredOffThroughItsBmcBeforeItsVmsAreReset() {
    t = RecoveryTestEnv.preset("small");
    Host h3 = t.host("host-3");
    t.sim.cutNetwork(h3.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = forget(h3);

    GateView fence = run.awaitGate(FenceGates.FENCE_HOST);
    assertEquals(List.of(h3.uuid()), fence.targets());
    assertTrue(fence.evidence().get("BMC").contains(" says On "), fence.evidence().toString());
    assertTrue(fence.evidence().get("probe of 127.0.10.3").startsWith("nothing answers"), fence.evidence().toString());
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty(), "nothing before the approval");

    List<String> gates = run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(List.of("fence-host", "reset-vms", "release-vdi-locks", "forget-host"), gates);
    assertEquals(List.of("bmc.ForceOff x1", "VM.power_state_reset x3", "VDI.remove_from_sm_config x3",
        "host.destroy x1", "VM.start_on x3"), Journal.shape(Journal.dangerous(t.sim.journal(), before)));
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
    RunStatus st = run.status();
    assertTrue(st.fencing().startsWith("fenced: BMC redfish https://127.1.10.3:"), st.fencing());
    assertTrue(st.operations().stream().anyMatch(o -> o.call().equals("bmc.ForceOff")
        && FenceGates.FENCE_HOST.equals(o.gateId())), st.operations().toString());
  }

  @Test
  void aBrokenMemberWhoseVmsRunIsFencedToo() {
    t = RecoveryTestEnv.preset("small");
    Host h2 = t.host("host-2");
    t.sim.damageConfig(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = forget(h2);
    run.awaitGate(FenceGates.FENCE_HOST);
    run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<JournalEntry> ops = Journal.dangerous(t.sim.journal(), before);
    assertEquals("bmc.ForceOff", ops.get(0).call(), Journal.shape(ops).toString());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
  }

  @Test
  void aBmcThatAcceptsForceOffButStaysOnStopsTheRun() {
    t = RecoveryTestEnv.preset("small");
    Host h3 = t.host("host-3");
    t.sim.cutNetwork(h3.uuid());
    t.sim.setBmcFault(h3.uuid(), BmcFault.IGNORES_POWER_OFF);
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = forget(h3);
    run.awaitGate(FenceGates.FENCE_HOST);
    run.approve(FenceGates.FENCE_HOST);
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("accepted ForceOff but") && result.summary().contains("nothing dangerous"),
        result.summary());
    assertEquals(List.of("bmc.ForceOff x1"), Journal.shape(Journal.dangerous(t.sim.journal(), before)),
        "the BMC was asked, nothing else");
  }

  @Test
  void anUnreachableBmcStopsTheRunBeforeAnythingDangerous() {
    t = RecoveryTestEnv.preset("small");
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    t.sim.setBmcFault(h2.uuid(), BmcFault.UNREACHABLE);
    long before = Journal.lastSeq(t.sim.journal());
    RunResult result = forget(h2).result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("cannot be fenced") && result.summary().contains("nothing dangerous"),
        result.summary());
    assertEquals(List.of(), Journal.dangerous(t.sim.journal(), before));
  }

  @Test
  void aHostWithoutBmcInTheInventoryStopsTheRun() {
    t = RecoveryTestEnv.fencing("small", withoutBmc("host-2"), false);
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = forget(h2);
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("the worker's inventory lists no BMC for host " + h2.uuid()),
        result.summary());
    assertEquals(List.of(), Journal.dangerous(t.sim.journal(), before));
    assertTrue(run.status().gates().isEmpty(), "nobody was asked anything");
  }

  @Test
  void twoPeopleMayAttestAHostOffWhereTheWorkerAllowsItAndTheRunSaysUnfenced() {
    t = RecoveryTestEnv.fencing("small", withoutBmc("host-2"), true);
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    RunDriver run = forget(h2);

    GateView attest = run.awaitGate(FenceGates.ATTEST_HOST_OFF);
    assertEquals(2, attest.approvalsNeeded(), "two people, whatever the policy's quorum of one");
    run.decide(FenceGates.ATTEST_HOST_OFF, RecoveryTestEnv.APPROVER, Decision.APPROVE, "PDU outlet 7 is off");
    assertEquals(io.poolrescue.workflows.api.GateState.OPEN, run.awaitGate(FenceGates.ATTEST_HOST_OFF).state());
    run.decide(FenceGates.ATTEST_HOST_OFF, RecoveryTestEnv.SECOND_APPROVER, Decision.APPROVE, "seen dark on camera");
    run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    RunStatus st = run.status();
    assertTrue(st.fencing().startsWith("UNFENCED: attested off by [bob, carol]"), st.fencing());
    assertTrue(st.warnings().stream().anyMatch(w -> w.startsWith("UNFENCED: host ")), st.warnings().toString());
    assertTrue(t.sim.integrityViolations().isEmpty());
  }

  private RunDriver forget(Host h) {
    String id = "fenced-" + h.nameLabel();
    MemberFailureRecovery run = t.newRun(MemberFailureRecovery.class, id);
    WorkflowClient.start(run::run, new MemberFailureRequest(t.sim.masterAddress(), h.uuid(), Mode.FORGET,
        RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 0));
    return t.driver(id);
  }

  /** The inventory as written by someone who forgot that host's BMC. */
  private static UnaryOperator<Inventory> withoutBmc(String hostName) {
    return inv -> new Inventory(inv.pools().stream().map(p -> new InventoryPool(p.uuid(), p.name(), p.master(),
        p.xapi(), p.hosts().stream().map(h -> h.name().equals(hostName)
            ? new InventoryHost(h.uuid(), h.name(), h.addresses(), h.serial(), null, h.xapiTlsPinSha256()) : h)
            .toList())).toList());
  }
}
