package io.poolrescue.workflows.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.LostReplyConnector;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.Replay;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolRestoreTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private RunDriver start(String id, String backupId, String target, List<String> others,
      Map<String, Map<String, String>> configs) {
    PoolRestore run = t.newRun(PoolRestore.class, id);
    WorkflowClient.start(run::run, new PoolRestoreRequest(backupId, target, others, configs, RecoveryTestEnv.STARTER,
        ApprovalPolicy.defaults(), 4));
    return t.driver(id);
  }

  @Test
  void restoresALostPoolOntoFreshHostsAndRestartsItsVms() {
    t = RecoveryTestEnv.preset("small");
    PoolSnapshot before = t.snapshot();
    Set<String> wereRunning = before.vms().stream().filter(v -> !v.controlDomain())
        .filter(v -> v.powerState() == PowerState.RUNNING).map(Vm::uuid).collect(Collectors.toSet());
    String defaultSr = before.sr(before.pool().defaultSrRef()).orElseThrow().uuid();
    BackupRecord backup = RestoreFixtures.backupPool(t);
    List<String> fresh = RestoreFixtures.freshHosts(t, 3);
    t.sim.loseAllHosts();
    long seq = Journal.lastSeq(t.sim.journal());

    RunDriver run = start("restore-small", backup.id(), fresh.get(0), fresh.subList(1, 3), Map.of());
    GateView restoreGate = run.awaitGate("restore-database");
    assertTrue(restoreGate.action().contains(backup.id()) && restoreGate.action().contains(fresh.get(0)),
        restoreGate.action());
    assertEquals(backup.sha256(), restoreGate.evidence().get("sha256 (verified)"));
    assertEquals("[eth0, eth1], management on eth0", restoreGate.evidence().get("target NICs"));
    assertTrue(RestoreFixtures.dangerous(t.sim.journal(), seq).isEmpty(), "nothing dangerous before the approval");
    RunStatus atGate = run.status();
    assertEquals(StepState.DONE, step(atGate, "dry-run").state());
    assertEquals(StepState.WAITING_APPROVAL, step(atGate, "restore-db").state());

    run.approve("restore-database");
    // the restored master plugs its PBDs with the backup's device config itself: the storage answers, nothing to repair
    GateView confirm = run.awaitGate("confirm-restored-pool");
    assertTrue(confirm.evidence().get("VMs").startsWith("12 (backup: 12)"), confirm.evidence().toString());
    List<String> rest = run.approveEverything();
    assertEquals(List.of("confirm-restored-pool"), rest, "no VM is left marked active: no reset gate");
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    PoolSnapshot s = t.snapshot();
    assertEquals(fresh.get(0), t.sim.masterAddress());
    assertEquals(before.pool().uuid(), s.pool().uuid(), "the backup's pool is back");
    assertEquals(Set.copyOf(fresh), s.hosts().stream().map(Host::address).collect(Collectors.toSet()));
    assertTrue(s.hosts().stream().allMatch(Host::live));
    assertEquals(defaultSr, s.sr(s.pool().defaultSrRef()).map(Sr::uuid).orElse(null), "default SR kept");
    assertFalse(s.pool().haEnabled(), "HA was off and stays off");
    // every VM that ran before runs exactly once, except those whose disks were on a lost host's local SR
    Set<String> lostLocal = Set.of(t.vm("vm-04").uuid(), t.vm("vm-08").uuid());
    Map<String, String> domains = t.sim.runningDomains();
    for (String vm : wereRunning) {
      Vm now = s.vmByUuid(vm).orElseThrow();
      if (lostLocal.contains(vm)) {
        assertEquals(PowerState.HALTED, now.powerState(), vm);
      } else {
        assertEquals(PowerState.RUNNING, now.powerState(), vm);
        assertTrue(domains.containsKey(vm), vm + " runs");
        assertTrue(fresh.contains(s.hostByUuid(domains.get(vm)).orElseThrow().address()));
      }
    }
    assertEquals(PowerState.HALTED, t.vm("vm-12").powerState(), "a VM halted in the backup stays halted");
    assertEquals(2, result.notRestartable().size(), result.notRestartable().toString());
    assertTrue(result.notRestartable().stream().allMatch(n -> n.contains("VM_REQUIRES_SR")), result.notRestartable().toString());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());

    List<JournalEntry> ops = RestoreFixtures.dangerous(t.sim.journal(), seq);
    assertEquals(List.of("PUT /pool/xmldbdump x1", "pool.join x2", "VM.start_on x9"), Journal.shape(ops));
    assertEquals(fresh.get(0), ops.get(0).via());
    RunStatus st = run.status();
    assertTrue(st.steps().stream().filter(x -> !x.id().equals("reset-vms") && !x.id().equals("storage"))
        .allMatch(x -> x.state() == StepState.DONE), st.steps().toString());
    assertEquals(StepState.SKIPPED, step(st, "reset-vms").state());
    assertEquals(StepState.SKIPPED, step(st, "storage").state());
    assertTrue(step(st, "storage").detail().startsWith("every shared SR is plugged on the master"),
        step(st, "storage").detail());
    assertEquals(List.of("restore-database", "confirm-restored-pool"),
        st.gates().stream().map(GateView::gateId).toList());
    List<String> joinSteps = t.client.fetchHistory("restore-small").getHistory().getEventsList().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .filter(n -> n.equals("HostJoinPool") || n.equals("PoolRestoreJoinedHost")).toList();
    assertEquals(List.of("HostJoinPool", "HostJoinPool", "PoolRestoreJoinedHost", "PoolRestoreJoinedHost"), joinSteps,
        "the second join does not wait for the first joiner to come back");
    Replay.assertReplays(t.client.fetchHistory("restore-small"));
  }

  @Test
  void aSecondRunOverARestoredPoolChangesNothing() {
    t = RecoveryTestEnv.preset("small");
    BackupRecord backup = RestoreFixtures.backupPool(t);
    List<String> fresh = RestoreFixtures.freshHosts(t, 2);
    t.sim.loseAllHosts();
    RunDriver first = start("restore-first", backup.id(), fresh.get(0), fresh.subList(1, 2), Map.of());
    first.approveEverything();
    assertEquals(RunResult.Outcome.RECOVERED, first.result().outcome());
    long seq = Journal.lastSeq(t.sim.journal());

    RunDriver second = start("restore-second", backup.id(), fresh.get(0), fresh.subList(1, 2), Map.of());
    List<String> gates = second.approveEverything();
    RunResult result = second.result();
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(List.of("confirm-restored-pool"), gates, "no restore and no storage repair asked again");
    assertTrue(result.summary().contains("0 VMs started"), result.summary());
    assertEquals(List.of(), Journal.shape(RestoreFixtures.dangerous(t.sim.journal(), seq)));
    RunStatus st = second.status();
    assertEquals(StepState.SKIPPED, step(st, "restore-db").state());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
  }

  static io.poolrescue.workflows.api.StepStatus step(RunStatus s, String id) {
    return s.steps().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aLostReplyToTheRestoreIsNotSentAgainAndTheRestoreIsRecorded() {
    LostReplyConnector lose = new LostReplyConnector("restoreDatabase", args -> Boolean.FALSE.equals(args[1]));
    t = RecoveryTestEnv.instrumented("small", lose::wrap);
    String pool = t.snapshot().pool().uuid();
    BackupRecord backup = RestoreFixtures.backupPool(t);
    List<String> fresh = RestoreFixtures.freshHosts(t, 3);
    t.sim.loseAllHosts();
    long seq = Journal.lastSeq(t.sim.journal());

    RunDriver run = start("restore-lost-reply", backup.id(), fresh.get(0), fresh.subList(1, 3), Map.of());
    run.approveEverything();
    RunResult result = run.result();

    assertTrue(lose.lost(), "the reply to the restore was lost");
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(pool, t.snapshot().pool().uuid(), "the backup's pool is back");
    List<JournalEntry> restores = t.sim.journal().entries().stream().filter(e -> e.seq() > seq)
        .filter(e -> e.call().equals("PUT /pool/xmldbdump") && !e.args().contains("dry_run=true")).toList();
    assertEquals(1, restores.size(), restores.toString());
    assertEquals("ok", restores.get(0).outcome());
    assertEquals(List.of("dry_run=true", "dry_run=false"), run.status().operations().stream()
        .filter(o -> o.call().equals("PUT /pool/xmldbdump")).map(o -> o.args().get(2)).toList());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
  }
}
