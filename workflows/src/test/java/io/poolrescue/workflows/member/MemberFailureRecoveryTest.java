package io.poolrescue.workflows.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.sim.JournalEntry;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemberFailureRecoveryTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private RunDriver start(String id, String hostName, Mode mode) {
    Host h = t.host(hostName);
    MemberFailureRecovery run = t.newRun(MemberFailureRecovery.class, id);
    WorkflowClient.start(run::run, new MemberFailureRequest(t.sim.masterAddress(), h.uuid(), mode,
        RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 4));
    return t.driver(id);
  }

  @Test
  void forgetsADeadMemberAndRestartsItsVmsElsewhere() {
    t = RecoveryTestEnv.preset("small");
    Host h2 = t.host("host-2");
    List<String> onH2 = t.snapshot().residentVms(h2.ref()).stream().map(Vm::uuid).sorted().toList();
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-forget", "host-2", Mode.FORGET);

    List<String> gates = run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(List.of("confirm-host-off", "reset-vms", "release-vdi-locks", "forget-host"), gates);
    PoolSnapshot s = t.snapshot();
    assertTrue(s.hostByUuid(h2.uuid()).isEmpty(), "host-2 forgotten");
    assertEquals(2, s.hosts().size());
    Vm vm08 = t.vm("vm-08");
    assertEquals(1, result.notRestartable().size(), result.notRestartable().toString());
    assertTrue(result.notRestartable().get(0).startsWith(vm08.uuid() + " (vm-08): VM_REQUIRES_SR"),
        "only vm-08 (disk on host-2's local SR) cannot restart: " + result.notRestartable());
    Map<String, String> domains = t.sim.runningDomains();
    for (String vm : onH2) {
      if (!vm.equals(vm08.uuid())) {
        assertEquals(PowerState.RUNNING, s.vmByUuid(vm).orElseThrow().powerState());
        assertTrue(domains.containsKey(vm), vm + " runs");
        assertFalse(domains.get(vm).equals(h2.uuid()));
      }
    }
    assertTrue(s.vdis().stream().noneMatch(v -> v.smConfig().containsKey(Vdi.lockKey(h2.ref()))), "locks gone");
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());

    List<JournalEntry> ops = Journal.dangerous(t.sim.journal(), before);
    assertEquals(List.of("VM.power_state_reset x4", "VDI.remove_from_sm_config x5", "host.destroy x1",
        "VM.start_on x3"), Journal.shape(ops));
    List<String> startOrder = ops.stream().filter(e -> e.call().equals("VM.start_on")).map(e -> e.args().get(0))
        .toList();
    assertEquals(List.of(t.vm("vm-05").uuid(), t.vm("vm-06").uuid(), t.vm("vm-07").uuid()), startOrder,
        "HA priority order: restart, best-effort, then the rest");

    RunStatus st = run.status();
    assertTrue(st.warnings().stream().anyMatch(w -> w.contains("HOST_HAS_RESIDENT_VMS")), "says it follows XAPI");
    assertTrue(st.steps().stream().filter(x -> x.id().equals("disable-ha")).allMatch(x -> x.state() == StepState.SKIPPED));
  }
}
