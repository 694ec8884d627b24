package io.poolrescue.workflows.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.testing.BeforeCallConnector;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.LostReplyConnector;
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

    // while the master still marks the host live, the run waits durably
    RunStatus waiting = run.awaitStatus("wait for the dead host", st -> st.phase().startsWith("waiting"));
    assertEquals(StepState.DONE, step(waiting, "inspect").state());
    assertEquals(StepState.WAITING, step(waiting, "wait-dead").state());
    assertTrue(step(waiting, "wait-dead").startedAt() != null && step(waiting, "wait-dead").endedAt() == null);
    assertEquals(StepState.PENDING, step(waiting, "forget-host").state());

    // the host lost its power: its BMC says Off, which is the evidence, and no person has to confirm it
    assertEquals(StepState.DONE, step(waiting, "fence").state());
    assertTrue(waiting.fencing().startsWith("fenced: BMC redfish https://127.1.10.2:") && waiting.fencing()
        .contains(" says Off [PowerState \"Off\" at /redfish/v1/Systems/1]"), waiting.fencing());

    // the first gate shows what it asks, about which objects, on which evidence
    GateView reset = run.awaitGate("reset-vms");
    assertTrue(reset.action().contains(h2.uuid()) && reset.action().contains("host-2"), reset.action());
    assertEquals(onH2, reset.targets().stream().sorted().toList());
    assertEquals("false", reset.evidence().get("master marks it live"));
    assertTrue(reset.evidence().get("probe of 127.0.10.2").startsWith("nothing answers"), reset.evidence().toString());
    assertTrue(reset.evidence().get("resident VMs").startsWith("4: "));
    assertTrue(reset.fingerprint().startsWith("sha256:"));
    assertTrue(reset.expiresAt().isAfter(reset.openedAt()));
    RunStatus atGate = run.status();
    assertEquals("waiting for approval: reset-vms", atGate.phase());
    assertTrue(step(atGate, "confirm-off").detail().startsWith("fenced: BMC"), step(atGate, "confirm-off").detail());
    assertTrue(step(atGate, "wait-dead").endedAt().isAfter(step(atGate, "wait-dead").startedAt().plusSeconds(500)),
        "waited for the 600 s heartbeat timeout");
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty(), "nothing dangerous before the first approval");

    List<String> gates = run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(List.of("reset-vms", "release-vdi-locks", "forget-host"), gates);
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
    assertEquals("127.0.10.1", t.sim.masterAddress(), "the master is unchanged");
    assertTrue(io.poolrescue.pool.DefaultSrCheck.evaluate(s).valid(), "default SR valid");
    assertFalse(s.pool().haEnabled(), "HA off, as it was");
    for (Vm vm : s.vms()) {
      if (vm.powerState() == PowerState.RUNNING && !vm.controlDomain()) {
        assertEquals(s.host(vm.residentOn()).orElseThrow().uuid(), domains.get(vm.uuid()),
            vm.nameLabel() + " runs where the database says, and only there");
      }
    }
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());

    List<JournalEntry> ops = Journal.dangerous(t.sim.journal(), before);
    assertEquals(List.of("VM.power_state_reset x4", "VDI.remove_from_sm_config x5", "host.destroy x1",
        "VM.start_on x3"), Journal.shape(ops));
    // the three tiers (restart, best-effort, the rest) each have a host slot at once: HA priority shows in the
    // order the workflow sends them (HostScheduledStartsTest), not in the order three concurrent starts end
    Set<String> started = ops.stream().filter(e -> e.call().equals("VM.start_on")).map(e -> e.args().get(0))
        .collect(Collectors.toSet());
    assertEquals(Set.of(t.vm("vm-05").uuid(), t.vm("vm-06").uuid(), t.vm("vm-07").uuid()), started);

    RunStatus st = run.status();
    assertEquals(new io.poolrescue.workflows.api.Progress("VMs started", 3, 3, 0), st.progress());
    assertTrue(st.steps().stream().filter(x -> !x.id().equals("disable-ha") && !x.id().equals("enable-ha"))
        .allMatch(x -> x.state() == StepState.DONE && x.endedAt() != null), st.steps().toString());
    assertEquals(List.of("VM.power_state_reset", "VM.power_state_reset", "VM.power_state_reset",
            "VM.power_state_reset", "resetvdis", "resetvdis", "host.destroy", "VM.start_on", "VM.start_on",
            "VM.start_on"),
        st.operations().stream().map(o -> o.call()).toList());
    assertTrue(st.operations().stream().filter(o -> o.call().equals("host.destroy")).allMatch(o ->
        "forget-host".equals(o.gateId())));
    assertTrue(st.warnings().stream().anyMatch(w -> w.contains("HOST_HAS_RESIDENT_VMS")), "says it follows XAPI");
    assertTrue(st.steps().stream().filter(x -> x.id().equals("disable-ha")).allMatch(x -> x.state() == StepState.SKIPPED));

    // today's code replays the recorded run (what the audit relies on)
    io.temporal.common.WorkflowExecutionHistory history = t.client.fetchHistory("member-forget");
    assertTrue(history.getHistory().getEventsCount() < 1000, "history events: " + history.getHistory().getEventsCount());
    io.poolrescue.workflows.testing.Replay.assertReplays(history);
  }

  @Test
  void withHaOnDisablesForgetsAndReenablesHaEachBehindAGate() {
    t = RecoveryTestEnv.preset("small-ha");
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-ha", "host-2", Mode.FORGET);

    List<String> gates = run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    // HA fenced the host, reset its VMs and released its locks itself: no reset or lock gate is needed
    assertEquals(List.of("disable-ha", "forget-host", "enable-ha"), gates);
    assertEquals(List.of("pool.disable_ha x1", "host.destroy x1", "pool.enable_ha x1", "VM.start_on x2"),
        Journal.shape(Journal.dangerous(t.sim.journal(), before)));
    PoolSnapshot s = t.snapshot();
    assertTrue(s.pool().haEnabled(), "HA as it was");
    assertTrue(s.hostByUuid(h2.uuid()).isEmpty());
    for (String name : List.of("vm-05", "vm-06", "vm-07")) {
      assertEquals(PowerState.RUNNING, t.vm(name).powerState(), name);
      assertTrue(t.sim.runningDomains().containsKey(t.vm(name).uuid()), name + " runs exactly once");
    }
    assertTrue(result.notRestartable().get(0).startsWith(t.vm("vm-08").uuid()), result.notRestartable().toString());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
  }

  @Test
  void refusesALiveHostAndDoesNothing() {
    t = RecoveryTestEnv.preset("small");
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-live", "host-3", Mode.FORGET);
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains(t.host("host-3").uuid()) && result.summary().contains("is live"),
        result.summary());
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
    assertTrue(run.status().gates().isEmpty(), "no gate was even asked");
  }

  @Test
  void repairWaitsForTheHostToComeBackAndDoesNothingDangerous() {
    t = RecoveryTestEnv.preset("small");
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-repair", "host-2", Mode.REPAIR);

    run.awaitStatus("the host declared dead and the wait for its repair",
        st -> at(st, "wait-back", StepState.WAITING));
    t.env.sleep(java.time.Duration.ofMinutes(20));
    t.sim.bringBack(h2.uuid());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(t.snapshot().hostByUuid(h2.uuid()).orElseThrow().live());
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
    assertTrue(run.status().gates().isEmpty());
    assertTrue(run.status().warnings().stream().anyMatch(w -> w.contains("start them if needed")),
        "the VMs that died with the host are pointed out");
  }

  @Test
  void aHostBackDuringTheWaitEndsARepairRunWithNothingToDo() {
    t = RecoveryTestEnv.preset("small");
    Host h3 = t.host("host-3");
    t.sim.cutNetwork(h3.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-back", "host-3", Mode.REPAIR);

    run.awaitStatus("the wait for the master's verdict", st -> at(st, "wait-dead", StepState.WAITING));
    t.env.sleep(java.time.Duration.ofMinutes(3));
    t.sim.bringBack(h3.uuid());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.NOTHING_TO_DO, result.outcome(), result.summary());
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
    assertEquals(4, t.snapshot().residentVms(h3.ref()).size() + 1, "its VMs ran on all along (3 + vm-12 halted)");
  }

  @Test
  void aVmResetByHandAfterApprovalVoidsTheGateWhichIsAskedAgain() {
    t = RecoveryTestEnv.preset("small");
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-void", "host-2", Mode.FORGET);
    GateView reset = run.awaitGate("reset-vms");
    assertEquals(4, reset.targets().size());

    // someone resets vm-05 by hand between the question and the answer
    String vm05 = t.vm("vm-05").uuid();
    t.sim.connect(t.sim.masterAddress()).vmPowerStateReset(vm05);
    run.approve("reset-vms");
    GateView again = run.awaitGate("reset-vms#2");
    assertEquals(3, again.targets().size());
    assertFalse(again.targets().contains(vm05));
    assertEquals(io.poolrescue.workflows.api.GateState.VOIDED, run.status().gates().stream()
        .filter(g -> g.gateId().equals("reset-vms")).findFirst().orElseThrow().state());
    assertTrue(run.status().warnings().stream().anyMatch(w -> w.contains("reset-vms voided")));

    run.approveEverything();
    assertEquals(RunResult.Outcome.RECOVERED, run.result().outcome());
    long resets = Journal.dangerous(t.sim.journal(), before).stream()
        .filter(e -> e.call().equals("VM.power_state_reset")).count();
    assertEquals(4, resets, "one by hand, three by the run: none twice");
    assertTrue(t.sim.integrityViolations().isEmpty());
  }

  @Test
  void aHostBackAfterTheFirstQuestionVoidsTheApprovalAndEndsSafely() {
    t = RecoveryTestEnv.preset("small");
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-back-forget", "host-2", Mode.FORGET);
    run.awaitGate("reset-vms");

    t.sim.bringBack(h2.uuid());
    run.approve("reset-vms");
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.NOTHING_TO_DO, result.outcome(), result.summary());
    assertTrue(result.summary().contains("came back"), result.summary());
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
    assertEquals(io.poolrescue.workflows.api.GateState.VOIDED, run.status().gates().get(0).state());
    assertTrue(t.snapshot().hostByUuid(h2.uuid()).orElseThrow().live());
  }

  /** The step is in that state; false while the run has not planned it yet (it may wait for the pool lock first). */
  private static boolean at(RunStatus s, String id, StepState state) {
    return s.steps().stream().anyMatch(x -> x.id().equals(id) && x.state() == state);
  }

  private static io.poolrescue.workflows.api.StepStatus step(RunStatus s, String id) {
    return s.steps().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aLostReplyToHostDestroyStillListsTheForgetInTheRunsOperations() {
    LostReplyConnector lose = new LostReplyConnector("hostDestroy");
    t = RecoveryTestEnv.instrumented("small", lose::wrap);
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-lost-reply", "host-2", Mode.FORGET);
    run.approveEverything();
    RunResult result = run.result();

    assertTrue(lose.lost(), "the reply to host.destroy was lost");
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(t.snapshot().hostByUuid(h2.uuid()).isEmpty(), "forgotten");
    List<JournalEntry> destroys = t.sim.journal().entries().stream()
        .filter(e -> e.seq() > before && e.call().equals("host.destroy")).toList();
    assertEquals(1, destroys.size(), destroys.toString());
    assertEquals("ok", destroys.get(0).outcome());
    assertEquals(List.of(List.of(h2.uuid())), run.status().operations().stream()
        .filter(o -> o.call().equals("host.destroy")).map(o -> o.args()).toList());
    assertEquals("FORGOTTEN", step(run.status(), "forget-host").detail().split(":")[0]);
  }

  /**
   * The master's agent restarts while the reset-vms gate waits: its liveness timer starts over, so
   * it marks the dead host live again for its timeout. The run waits until the host is declared
   * dead again instead of failing, then resets each VM once.
   */
  @Test
  void aMasterAgentRestartMarksTheDeadHostLiveAgainAndTheRunWaitsItOut() {
    t = RecoveryTestEnv.preset("small");
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-master-restart", "host-2", Mode.FORGET);
    run.awaitGate("reset-vms");
    t.sim.restartAgentAt(t.sim.masterAddress());
    run.approveEverything();
    RunResult result = run.result();

    assertWaitedOutAndResetEachVmOnce(run, result, before);
  }

  private void assertWaitedOutAndResetEachVmOnce(RunDriver run, RunResult result, long journalSeq) {
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(run.status().warnings().stream().anyMatch(w -> w.contains("live again")), run.status().warnings().toString());
    java.util.Map<String, Long> resets = t.sim.journal().entries().stream()
        .filter(e -> e.seq() > journalSeq && e.call().equals("VM.power_state_reset") && e.succeeded())
        .collect(java.util.stream.Collectors.groupingBy(e -> e.args().get(0), java.util.stream.Collectors.counting()));
    assertEquals(4, resets.size(), resets.toString());
    assertTrue(resets.values().stream().allMatch(n -> n == 1), resets.toString());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
  }

  /** The same restart after the approval, as the reset call goes out: the refusal (HOST_IS_LIVE) is waited out too. */
  @Test
  void aMasterAgentRestartDuringTheResetIsWaitedOut() {
    java.util.concurrent.atomic.AtomicReference<RecoveryTestEnv> env = new java.util.concurrent.atomic.AtomicReference<>();
    BeforeCallConnector restart = new BeforeCallConnector("vmPowerStateReset",
        () -> env.get().sim.restartAgentAt(env.get().sim.masterAddress()));
    t = RecoveryTestEnv.instrumented("small", restart::wrap);
    env.set(t);
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("member-restart-at-reset", "host-2", Mode.FORGET);
    run.approveEverything();
    RunResult result = run.result();

    assertTrue(restart.happened(), "the master's agent restarted as the first reset went out");
    assertWaitedOutAndResetEachVmOnce(run, result, before);
  }
}
