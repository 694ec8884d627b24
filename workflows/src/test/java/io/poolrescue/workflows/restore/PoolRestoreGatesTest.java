package io.poolrescue.workflows.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.PoolSpec.DiskSpec;
import io.poolrescue.simulator.PoolSpec.HostSpec;
import io.poolrescue.simulator.PoolSpec.SrSpec;
import io.poolrescue.simulator.PoolSpec.VmSpec;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each gate of a pool restore: rejected or expired, the run ends and nothing dangerous follows; approved, it acts. */
class PoolRestoreGatesTest {
  private RecoveryTestEnv t;
  private BackupRecord backup;
  private List<String> fresh;
  private long seq;
  private Sr nfs;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  /** The small pool backed up, then lost; three fresh hosts wait. */
  private void lostSmallPool() {
    t = RecoveryTestEnv.preset("small");
    backup = RestoreFixtures.backupPool(t);
    nfs = t.snapshot().srs().stream().filter(x -> x.nameLabel().equals("nfs-shared")).findFirst().orElseThrow();
    fresh = RestoreFixtures.freshHosts(t, 3);
    t.sim.loseAllHosts();
    seq = Journal.lastSeq(t.sim.journal());
  }

  private RunDriver start(String id, Map<String, Map<String, String>> configs, ApprovalPolicy policy) {
    PoolRestore run = t.newRun(PoolRestore.class, id);
    WorkflowClient.start(run::run, new PoolRestoreRequest(backup.id(), fresh.get(0), fresh.subList(1, fresh.size()),
        configs, RecoveryTestEnv.STARTER, policy, 4));
    return t.driver(id);
  }

  private List<String> dangerousShape() {
    return Journal.shape(RestoreFixtures.dangerous(t.sim.journal(), seq));
  }

  /** Retention cannot delete the backup a restore is using; the run gives it back when it ends. */
  @Test
  void aRestoreHoldsItsBackupUntilItEnds() {
    lostSmallPool();
    RunDriver run = start("gate-restore-hold", Map.of(), ApprovalPolicy.defaults());
    run.awaitGate("restore-database");
    assertEquals(List.of("gate-restore-hold"), t.store.holders(backup.id()));
    // a newer round of the same pool: keeping one backup would delete the one the restore uses
    t.store.put(new BackupArtefact(backup.kind(), backup.subjectUuid(), backup.takenAt().plusSeconds(3600),
        t.store.get(backup.id()).content()));
    t.store.retain(backup.kind(), backup.subjectUuid(), 1);
    assertTrue(t.store.describe(backup.id()).isPresent(), "the held backup is kept");
    run.reject("restore-database");
    run.result();
    assertEquals(List.of(), t.store.holders(backup.id()), "released when the run ended");
  }

  @Test
  void rejectingTheRestoreLeavesTheFreshHostsUntouched() {
    lostSmallPool();
    RunDriver run = start("gate-restore-reject", Map.of(), ApprovalPolicy.defaults());
    run.awaitGate("restore-database");
    run.reject("restore-database");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.REJECTED, result.outcome(), result.summary());
    assertEquals(List.of(), dangerousShape());
    assertTrue(t.sim.machineAt(fresh.get(0)) instanceof io.poolrescue.simulator.MachineState.Up up && up.master());
  }

  @Test
  void anUnansweredRestoreGateExpiresWithNothingDone() {
    lostSmallPool();
    ApprovalPolicy quick = new ApprovalPolicy(List.of(), 1, false, Duration.ofMinutes(10), Duration.ofMinutes(30));
    RunDriver run = start("gate-restore-expire", Map.of(), quick);
    run.awaitGate("restore-database");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.EXPIRED, result.outcome(), result.summary());
    assertEquals(List.of(), dangerousShape());
    assertEquals(GateState.EXPIRED, run.status().gates().get(0).state());
  }

  @Test
  void rejectingTheStorageRepairStopsAfterTheRestore() {
    lostSmallPool();
    Map<String, String> dr = Map.of("server", "nfs.dr-site.example", "serverpath", "/exports/pool");
    t.sim.setStorageTarget(nfs.uuid(), dr); // the restored master cannot plug the backup's NFS server: a repair is asked
    RunDriver run = start("gate-storage-reject", Map.of(nfs.uuid(), dr), ApprovalPolicy.defaults());
    run.awaitGate("restore-database");
    run.approve("restore-database");
    run.awaitGate("repair-storage");
    run.reject("repair-storage");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.REJECTED, result.outcome(), result.summary());
    assertEquals(List.of("PUT /pool/xmldbdump x1"), dangerousShape(), "nothing after the rejected gate");
  }

  @Test
  void rejectingTheConfirmationJoinsNoHostAndStartsNoVm() {
    lostSmallPool();
    RunDriver run = start("gate-confirm-reject", Map.of(), ApprovalPolicy.defaults());
    run.awaitGate("restore-database");
    run.approve("restore-database");
    run.awaitGate("confirm-restored-pool");
    run.reject("confirm-restored-pool");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.REJECTED, result.outcome(), result.summary());
    assertEquals(List.of("PUT /pool/xmldbdump x1"), dangerousShape());
  }

  @Test
  void aVmStartedByHandWhileTheConfirmationWaitsVoidsItAndTheGateIsAskedAgain() {
    lostSmallPool();
    RunDriver run = start("gate-confirm-voided", Map.of(), ApprovalPolicy.defaults());
    run.awaitGate("restore-database");
    run.approve("restore-database");
    GateView first = run.awaitGate("confirm-restored-pool");
    // someone starts a VM on the restored master behind the run's back
    PoolSnapshot s = t.snapshot();
    Vm vm01 = t.vm("vm-01");
    try (PoolClient c = t.sim.connect(fresh.get(0))) {
      c.vmStartOn(vm01.uuid(), s.master().orElseThrow().uuid());
    }
    run.approve("confirm-restored-pool");
    GateView again = run.awaitGate("confirm-restored-pool#2");
    assertTrue(!again.fingerprint().equals(first.fingerprint()));
    RunStatus st = run.status();
    assertEquals(GateState.VOIDED, st.gates().stream().filter(g -> g.gateId().equals("confirm-restored-pool"))
        .findFirst().orElseThrow().state());
    assertTrue(st.warnings().stream().anyMatch(w -> w.contains("voided")), st.warnings().toString());
    assertEquals(List.of("PUT /pool/xmldbdump x1", "VM.start_on x1"), dangerousShape(),
        "no join before the fresh approval (the one start is the hand-made one)");
    run.approve("confirm-restored-pool#2");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(t.sim.integrityViolations().isEmpty(), "vm-01 is not started twice: " + t.sim.integrityViolations());
  }

  @Test
  void aNewStorageViewRecreatesThePbdBehindTheStorageGate() {
    lostSmallPool();
    Map<String, String> dr = Map.of("server", "nfs.dr-site.example", "serverpath", "/exports/pool");
    t.sim.setStorageTarget(nfs.uuid(), dr); // the fresh site reaches the same NFS data through another server
    RunDriver run = start("gate-storage-recreate", Map.of(nfs.uuid(), dr), ApprovalPolicy.defaults());
    run.awaitGate("restore-database");
    run.approve("restore-database");
    GateView storage = run.awaitGate("repair-storage");
    String line = storage.evidence().entrySet().stream().filter(e -> e.getKey().startsWith("SR " + nfs.uuid()))
        .map(Map.Entry::getValue).findFirst().orElseThrow();
    assertTrue(line.contains("destroy PBD") && line.contains("nfs.dr-site.example"), line);
    run.approve("repair-storage");
    run.approveEverything();
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<JournalEntry> ops = RestoreFixtures.dangerous(t.sim.journal(), seq);
    assertEquals(List.of("PUT /pool/xmldbdump x1", "PBD.destroy x1", "PBD.create x1", "PBD.plug x1", "pool.join x2",
        "VM.start_on x9"), Journal.shape(ops));
    PoolSnapshot s = t.snapshot();
    List<Pbd> pbds = s.pbdsOfSr(nfs.ref());
    assertEquals(3, pbds.size(), "one PBD per host");
    assertTrue(pbds.stream().allMatch(p -> p.currentlyAttached() && p.deviceConfig().equals(dr)), pbds.toString());
  }

  /** Two hosts, a shared SR, one running VM and one suspended VM. */
  private static PoolSpec withSuspendedVm() {
    SrSpec nfs = new SrSpec("nfs", null, "nfs", true, null, null);
    return new PoolSpec("suspended", null,
        List.of(new HostSpec("h1", null, "127.0.50.1", 32768, null, null, true),
            new HostSpec("h2", null, "127.0.50.2", 32768, null, null, false)),
        List.of(nfs),
        List.of(new VmSpec("web", null, 2048, "Running", "h2", "restart", 1L, 1L, List.of(new DiskSpec("nfs", null, null, "RW"))),
            new VmSpec("batch", null, 2048, "Suspended", null, "", 0L, 1L, List.of(new DiskSpec("nfs", null, null, "RW")))),
        "nfs", false);
  }

  @Test
  void aVmLeftSuspendedByTheRestoreIsResetBehindItsGateThenStarted() {
    t = RecoveryTestEnv.spec(withSuspendedVm());
    backup = RestoreFixtures.backupPool(t);
    fresh = RestoreFixtures.freshHosts(t, 1, 32768, List.of("eth0", "eth1"), "eth0");
    t.sim.loseAllHosts();
    seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("gate-reset", Map.of(), ApprovalPolicy.defaults());
    run.awaitGate("restore-database");
    run.approve("restore-database");
    run.awaitGate("confirm-restored-pool");
    run.approve("confirm-restored-pool");
    GateView reset = run.awaitGate("reset-vms");
    Vm batch = t.vm("batch");
    assertEquals(PowerState.SUSPENDED, batch.powerState());
    assertEquals(List.of(batch.uuid()), reset.targets());
    assertTrue(reset.action().contains("suspend image"), reset.action());
    run.approve("reset-vms");
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(List.of("PUT /pool/xmldbdump x1", "VM.power_state_reset x1", "VM.start_on x2"),
        dangerousShape());
    assertEquals(PowerState.RUNNING, t.vm("batch").powerState());
    assertEquals(PowerState.RUNNING, t.vm("web").powerState());
    Host master = t.snapshot().master().orElseThrow();
    assertEquals(fresh.get(0), master.address());
  }

  @Test
  void rejectingTheResetStartsNothing() {
    t = RecoveryTestEnv.spec(withSuspendedVm());
    backup = RestoreFixtures.backupPool(t);
    fresh = RestoreFixtures.freshHosts(t, 1, 32768, List.of("eth0", "eth1"), "eth0");
    t.sim.loseAllHosts();
    seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("gate-reset-reject", Map.of(), ApprovalPolicy.defaults());
    for (String g : List.of("restore-database", "confirm-restored-pool")) {
      run.awaitGate(g);
      run.approve(g);
    }
    run.awaitGate("reset-vms");
    run.reject("reset-vms");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.REJECTED, result.outcome(), result.summary());
    assertEquals(List.of("PUT /pool/xmldbdump x1"), dangerousShape());
  }
}
