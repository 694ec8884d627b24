package io.poolrescue.workflows.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.DefaultSrCheck;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.testing.BeforeCallConnector;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.LostReplyConnector;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.poolrescue.workflows.testing.TestPools;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MasterFailureRecoveryTest {
  static final String OLD = "127.0.10.1";
  static final List<String> MEMBERS = List.of("127.0.10.2", "127.0.10.3");
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private RunDriver start(String id, ApprovalPolicy policy) {
    MasterFailureRecovery run = t.newRun(MasterFailureRecovery.class, id);
    WorkflowClient.start(run::run, new MasterFailureRequest(OLD, MEMBERS, null, Duration.ofMinutes(5), null,
        RecoveryTestEnv.STARTER, policy, 4));
    return t.driver(id);
  }

  @Test
  void promotesAMemberFixesTheDefaultSrAndForgetsTheOldMasterInAChildRun() {
    t = RecoveryTestEnv.spec(TestPools.small("local-host-1"));
    Host old = t.host("host-1");
    t.sim.killMaster();
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("master-forget", ApprovalPolicy.defaults());

    GateView promote = run.awaitGate("promote-master");
    assertEquals(List.of("127.0.10.2"), promote.targets());
    assertTrue(promote.evidence().get("old master " + OLD).startsWith("nothing answers"), promote.evidence().toString());
    assertTrue(Long.parseLong(promote.evidence().get("waited for it").replace(" s", "")) >= 300);
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());

    List<String> gates = run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    String child = "master-forget/forget-old-master";
    assertEquals(List.of("promote-master", "set-default-sr", child + ":reset-vms", child + ":release-vdi-locks",
        child + ":forget-host"), gates);
    assertTrue(run.status().fencing().startsWith("fenced: BMC redfish https://127.1.10.1:"), run.status().fencing());
    assertEquals("127.0.10.2", t.sim.masterAddress());
    PoolSnapshot s = t.snapshot();
    assertEquals(2, s.hosts().size());
    assertTrue(s.hostByUuid(old.uuid()).isEmpty(), "old master forgotten");
    assertTrue(DefaultSrCheck.evaluate(s).valid(), "default SR valid: " + DefaultSrCheck.evaluate(s));
    assertFalse(s.pool().haEnabled(), "HA off, as it was");
    for (String name : List.of("vm-01", "vm-02", "vm-03", "vm-05", "vm-06", "vm-07", "vm-08", "vm-09", "vm-10",
        "vm-11")) {
      assertEquals(PowerState.RUNNING, t.vm(name).powerState(), name);
      assertTrue(t.sim.runningDomains().containsKey(t.vm(name).uuid()), name);
    }
    assertEquals(PowerState.HALTED, t.vm("vm-04").powerState());
    for (io.poolrescue.pool.model.Vm vm : s.vms()) {
      if (vm.powerState() == PowerState.RUNNING && !vm.controlDomain()) {
        assertEquals(s.host(vm.residentOn()).orElseThrow().uuid(), t.sim.runningDomains().get(vm.uuid()),
            vm.nameLabel() + " runs where the database says, and only there");
      }
    }
    assertTrue(result.notRestartable().get(0).startsWith(t.vm("vm-04").uuid()), result.notRestartable().toString());
    assertTrue(s.vdis().stream().noneMatch(v -> v.smConfig().containsKey(Vdi.lockKey(old.ref()))));
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());

    assertEquals(List.of("pool.emergency_transition_to_master x1", "pool.recover_slaves x1",
            "pool.set_default_SR x1", "VM.power_state_reset x4", "VDI.remove_from_sm_config x4", "host.destroy x1",
            "VM.start_on x3"),
        Journal.shape(Journal.dangerous(t.sim.journal(), before)));

    RunStatus parent = run.status();
    assertEquals(List.of(child), parent.children());
    RunStatus childStatus = t.driver(child).status();
    List<OperationApplied> locks = childStatus.operations().stream().filter(o -> o.call().equals("resetvdis")).toList();
    assertTrue(!locks.isEmpty() && locks.stream().allMatch(o -> o.args().contains("--master")),
        "the old master was SR master of the shared SR and owner of its local SR: " + locks);

    io.poolrescue.workflows.testing.Replay.assertReplays(
        t.client.fetchHistory("master-forget"));
    io.poolrescue.workflows.testing.Replay.assertReplays(t.client.fetchHistory(child));
  }

  @Test
  void withHaTheElectionIsAwaitedAndVerifiedWithNothingDoneByHand() {
    t = RecoveryTestEnv.preset("small-ha");
    t.sim.killMaster();
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("master-ha", ApprovalPolicy.defaults());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(MEMBERS.contains(t.sim.masterAddress()), t.sim.masterAddress());
    assertTrue(t.snapshot().pool().haEnabled(), "HA as it was");
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
    assertTrue(run.status().gates().isEmpty());
    assertEquals(PowerState.RUNNING, t.vm("vm-01").powerState(), "HA restarted the protected VM");
    assertTrue(t.sim.integrityViolations().isEmpty());
  }

  @Test
  void aPromotionRefusedBecauseHaIsArmedWaitsForTheElectionInstead() {
    t = RecoveryTestEnv.preset("small-ha");
    t.sim.killMaster();
    long before = Journal.lastSeq(t.sim.journal());
    MasterFailureRecovery run = t.newRun(MasterFailureRecovery.class, "master-ha-armed");
    // a deadline shorter than HA's 60 s timeout: the run proposes a promotion before HA has elected anyone
    WorkflowClient.start(run::run, new MasterFailureRequest(OLD, MEMBERS, "127.0.10.3", Duration.ofSeconds(20), null,
        RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 4));
    RunDriver driver = t.driver("master-ha-armed");
    driver.approve(driver.awaitGate("promote-master").gateId());
    RunResult result = driver.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(MEMBERS.contains(t.sim.masterAddress()));
    assertTrue(t.snapshot().pool().haEnabled());
    List<io.poolrescue.simulator.JournalEntry> refused = t.sim.journal().entries().stream()
        .filter(e -> e.seq() > before && e.call().equals("pool.emergency_transition_to_master")).toList();
    assertEquals(List.of("HA_IS_ENABLED"), refused.stream().map(e -> e.outcome()).toList(),
        "XAPI refused the promotion and the run did not insist");
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
    assertTrue(driver.status().warnings().stream().anyMatch(w -> w.contains("HA is armed")),
        driver.status().warnings().toString());
  }

  @Test
  void anOldMasterThatComesBackEndsTheRunWithNothingDone() {
    t = RecoveryTestEnv.preset("small");
    Host old = t.host("host-1");
    t.sim.killMaster();
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("master-back", ApprovalPolicy.defaults());
    run.awaitStatus("the wait for the old master", st -> st.phase().startsWith("waiting"));
    t.env.sleep(Duration.ofMinutes(2));
    t.sim.bringBack(old.uuid());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.NOTHING_TO_DO, result.outcome(), result.summary());
    assertEquals(OLD, t.sim.masterAddress());
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"promote-master,reject", "promote-master,expire", "set-default-sr,reject", "set-default-sr,expire"})
  void aStoppedMasterGateLeavesNothingDangerousAfterIt(String gateId, String how) {
    t = RecoveryTestEnv.spec(TestPools.small("local-host-1"));
    t.sim.killMaster();
    RunDriver run = start("master-" + gateId + "-" + how,
        new ApprovalPolicy(List.of(), 1, false, Duration.ofMinutes(10), Duration.ofHours(1)));
    run.approveUntil(gateId);
    long at = Journal.lastSeq(t.sim.journal());
    if (how.equals("reject")) {
      run.reject(gateId);
    }
    RunResult result = run.result();

    assertEquals(how.equals("reject") ? RunResult.Outcome.REJECTED : RunResult.Outcome.EXPIRED, result.outcome(),
        result.summary());
    assertEquals(List.of(), Journal.dangerous(t.sim.journal(), at));
    GateView g = run.status().gates().stream().filter(x -> x.gateId().equals(gateId)).findFirst().orElseThrow();
    assertEquals(how.equals("reject") ? GateState.REJECTED : GateState.EXPIRED, g.state());
    assertTrue(run.status().children().isEmpty(), "the old master is not handed to a child run");
  }

  @Test
  void aLostReplyToThePromotionIsNotSentAgainAndTheTransitionIsRecorded() {
    LostReplyConnector lose = new LostReplyConnector("emergencyTransitionToMaster");
    t = RecoveryTestEnv.instrumented("small", lose::wrap);
    t.sim.killMaster();
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("master-lost-reply", ApprovalPolicy.defaults());
    run.approveEverything();
    RunResult result = run.result();

    assertTrue(lose.lost(), "the reply to the transition was lost");
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<JournalEntry> transitions = t.sim.journal().entries().stream()
        .filter(e -> e.seq() > before && e.call().equals("pool.emergency_transition_to_master")).toList();
    assertEquals(1, transitions.size(), transitions.toString());
    assertEquals("ok", transitions.get(0).outcome());
    assertEquals(transitions.get(0).via(), t.sim.masterAddress());
    assertEquals(1, run.status().operations().stream()
        .filter(o -> o.call().equals("pool.emergency_transition_to_master")).count(), run.status().operations().toString());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
  }

  /**
   * The connection drops before the member reads the transition: the client cannot tell this from a
   * lost answer, so the marker says sent; once an agent restart would have ended, it is sent again.
   */
  @Test
  void aTransitionDroppedBeforeTheHostReadItIsSentAgainAndTheRunRecovers() {
    BeforeCallConnector drop = new BeforeCallConnector("emergencyTransitionToMaster", () -> {
      HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
      throw new PoolUnreachableException("127.0.10.2", "pool.emergency_transition_to_master failed: "
          + "HttpTimeoutException: " + timeout.getMessage(), timeout);
    });
    t = RecoveryTestEnv.instrumented("small", drop::wrap);
    t.sim.killMaster();
    long before = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("master-dropped-transition", ApprovalPolicy.defaults());
    run.approveEverything();
    RunResult result = run.result();

    assertTrue(drop.happened(), "the first transition was dropped before the host read it");
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    long transitions = t.sim.journal().entries().stream()
        .filter(e -> e.seq() > before && e.call().equals("pool.emergency_transition_to_master") && e.succeeded()).count();
    assertEquals(1, transitions, "the pool saw one transition: the resent one");
  }
}
