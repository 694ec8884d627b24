package io.poolrescue.workflows.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the pool (or the store) refuses before a restore: the run ends FAILED, names why, and changes nothing. */
class PoolRestoreRefusalsTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private RunDriver start(String id, String backupId, String target, List<String> others) {
    PoolRestore run = t.newRun(PoolRestore.class, id);
    WorkflowClient.start(run::run, new PoolRestoreRequest(backupId, target, others, Map.of(), RecoveryTestEnv.STARTER,
        ApprovalPolicy.defaults(), 4));
    return t.driver(id);
  }

  private void assertNothingChangedAndNoGate(RunDriver run, long seq) {
    assertTrue(RestoreFixtures.dangerous(t.sim.journal(), seq).isEmpty(),
        RestoreFixtures.dangerous(t.sim.journal(), seq).toString());
    assertTrue(run.status().gates().isEmpty(), "no gate was asked");
  }

  /**
   * The restored database brings host-2 back and the run would start its VMs elsewhere; its BMC cannot
   * tell whether the old machine still runs them, so nothing is restored, not even dry-run.
   */
  @Test
  void aLostHostThatCannotBeFencedStopsTheRestoreBeforeTheDatabaseIsTouched() {
    t = RecoveryTestEnv.preset("small");
    BackupRecord backup = RestoreFixtures.backupPool(t);
    List<String> fresh = RestoreFixtures.freshHosts(t, 3);
    String h2 = t.host("host-2").uuid();
    t.sim.loseAllHosts();
    t.sim.setBmcFault(h2, io.poolrescue.simulator.BmcFault.UNREACHABLE);
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("restore-unfenced", backup.id(), fresh.get(0), fresh.subList(1, 3));
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("cannot be fenced") && result.summary().contains(h2), result.summary());
    assertNothingChangedAndNoGate(run, seq);
    assertTrue(t.sim.journal().entries().stream().noneMatch(e -> e.call().equals("PUT /pool/xmldbdump")),
        "not even the dry run was sent");
    assertEquals(StepState.DONE, PoolRestoreTest.step(run.status(), "check-hosts").state());
  }

  @Test
  void aTargetWithoutTheBackupsNicNamesIsRefusedByTheDryRun() {
    t = RecoveryTestEnv.preset("small");
    BackupRecord backup = RestoreFixtures.backupPool(t);
    String target = RestoreFixtures.freshHosts(t, 1, 65536, List.of("eth0"), "eth0").get(0);
    t.sim.loseAllHosts();
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("restore-nic", backup.id(), target, List.of());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("RESTORE_TARGET_MISSING_DEVICE") && result.summary().contains("eth1")
        && result.summary().contains("nothing was changed"), result.summary());
    RunStatus st = run.status();
    assertEquals(StepState.FAILED, PoolRestoreTest.step(st, "dry-run").state());
    assertEquals(StepState.SKIPPED, PoolRestoreTest.step(st, "restore-db").state());
    assertNothingChangedAndNoGate(run, seq);
    assertEquals("RESTORE_TARGET_MISSING_DEVICE", t.sim.journal().entries().stream()
        .filter(e -> e.call().equals("PUT /pool/xmldbdump")).reduce((a, b) -> b).orElseThrow().outcome(),
        "the dry run was sent once and refused");
  }

  @Test
  void aTargetManagedThroughANicTheBackupNeverHadIsRefused() {
    t = RecoveryTestEnv.preset("small");
    BackupRecord backup = RestoreFixtures.backupPool(t);
    String target = RestoreFixtures.freshHosts(t, 1, 65536, List.of("eth0", "eth1", "eth2"), "eth2").get(0);
    t.sim.loseAllHosts();
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("restore-mgmt", backup.id(), target, List.of());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("RESTORE_TARGET_MGMT_IF_NOT_IN_BACKUP") && result.summary().contains("eth2"),
        result.summary());
    assertNothingChangedAndNoGate(run, seq);
  }

  @Test
  void aBackupThatNoLongerMatchesItsChecksumIsRefused() throws IOException {
    t = RecoveryTestEnv.preset("small");
    BackupRecord backup = RestoreFixtures.backupPool(t);
    Path root = ((DirectoryBackupStore) t.store).root();
    try (Stream<Path> files = Files.walk(root)) {
      Path data = files.filter(p -> p.toString().endsWith(".data")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(data);
      bytes[bytes.length - 100] ^= 0x01;
      Files.write(data, bytes);
    }
    List<String> fresh = RestoreFixtures.freshHosts(t, 2);
    t.sim.loseAllHosts();
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("restore-corrupt", backup.id(), fresh.get(0), fresh.subList(1, 2));
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().startsWith("step check-backup: BACKUP_CORRUPT"), result.summary());
    assertTrue(result.summary().contains("the fresh hosts were not changed"), result.summary());
    assertNothingChangedAndNoGate(run, seq);
    assertTrue(t.sim.journal().entries().stream().noneMatch(e -> e.seq() > seq), "not even a dry run");
  }

  @Test
  void aHostThatIsNotFreshIsRefusedBeforeAnything() {
    t = RecoveryTestEnv.preset("small");
    BackupRecord backup = RestoreFixtures.backupPool(t);
    List<String> fresh = RestoreFixtures.freshHosts(t, 1);
    // the pool is not lost: its master is no fresh install
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("restore-busy", backup.id(), fresh.get(0), List.of(t.sim.masterAddress()));
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains(t.sim.masterAddress()) && result.summary().contains("hosts"), result.summary());
    assertNothingChangedAndNoGate(run, seq);
  }

  @Test
  void anUnknownBackupIdIsAClearError() {
    t = RecoveryTestEnv.preset("small");
    List<String> fresh = RestoreFixtures.freshHosts(t, 1);
    RunResult result = start("restore-unknown", "pool-database.nope.20260101T000000000Z", fresh.get(0), List.of())
        .result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("BACKUP_NOT_FOUND"), result.summary());
  }
}
