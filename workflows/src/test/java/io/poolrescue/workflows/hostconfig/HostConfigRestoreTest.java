package io.poolrescue.workflows.hostconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.MachineState;
import io.poolrescue.simulator.xapi.WireFault;
import io.poolrescue.simulator.xapi.WireFaultPlan;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.HostConfigRestore;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.LostReplyConnector;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.Replay;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostConfigRestoreTest {
  private RecoveryTestEnv t;
  private Host h2;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  /** The small pool with a host backup of host-2 taken while it was healthy, then its configuration damaged. */
  private BackupRecord damagedHostWithBackup() {
    t = RecoveryTestEnv.preset("small");
    h2 = t.host("host-2");
    BackupRecord b = t.store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(),
        Instant.ofEpochMilli(t.env.currentTimeMillis()), t.sim.hostBackup(h2.uuid())));
    t.sim.damageConfig(h2.uuid());
    return b;
  }

  private RunDriver start(String id, String backupId, Duration wait, ApprovalPolicy policy) {
    HostConfigRestore run = t.newRun(HostConfigRestore.class, id);
    WorkflowClient.start(run::run, new HostConfigRestoreRequest(t.sim.masterAddress(), h2.uuid(), backupId, wait,
        RecoveryTestEnv.STARTER, policy));
    return t.driver(id);
  }

  private List<JournalEntry> hostRestores(long fromSeq) {
    return t.sim.journal().entries().stream().filter(e -> e.seq() > fromSeq && e.call().equals("PUT /host_restore"))
        .toList();
  }

  @Test
  void uploadsTheBackupWaitsForTheOperatorsRebootAndForTheHost() {
    BackupRecord backup = damagedHostWithBackup();
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("hostcfg-ok", null, Duration.ofMinutes(20), ApprovalPolicy.defaults());

    GateView upload = run.awaitGate("upload-host-backup");
    assertTrue(upload.action().contains(backup.id()) && upload.action().contains(h2.uuid()), upload.action());
    assertEquals("unavailable HOST_BROKEN", upload.evidence().get("probe of " + h2.address()));
    assertEquals(backup.sha256(), upload.evidence().get("backup sha256 (verified)"));
    assertTrue(hostRestores(seq).isEmpty());
    assertThrows(WorkflowUpdateException.class, () -> run.decide("upload-host-backup", RecoveryTestEnv.STARTER,
        Decision.APPROVE, "my own run"), "four eyes: the starter may not approve");
    run.approve("upload-host-backup");

    GateView reboot = run.awaitGate("reboot-into-restore");
    assertTrue(reboot.action().contains("Restore from backup"), reboot.action());
    assertEquals(1, hostRestores(seq).size(), "staged once before the operator's step");
    // the operator's manual step, then the confirmation through the same decide update
    t.sim.rebootIntoInstallerRestore(h2.uuid());
    run.approve("reboot-into-restore");
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    Host back = t.snapshot().hostByUuid(h2.uuid()).orElseThrow();
    assertTrue(back.live());
    assertTrue(t.sim.machineAt(h2.address()) instanceof MachineState.Up up && !up.master());
    List<JournalEntry> ops = hostRestores(seq);
    assertEquals(1, ops.size());
    assertEquals("ok", ops.get(0).outcome());
    assertEquals(h2.address(), ops.get(0).via(), "host_restore is sent to the host itself");
    assertTrue(Journal.dangerous(t.sim.journal(), seq).isEmpty(), "nothing else changed in the pool");
    RunStatus st = run.status();
    assertTrue(st.steps().stream().allMatch(s -> s.state() == StepState.DONE), st.steps().toString());
    assertEquals(List.of("PUT /host_restore"), st.operations().stream().map(o -> o.call()).toList());
    Replay.assertReplays(t.client.fetchHistory("hostcfg-ok"));
  }

  /** The broken host's agent is restarting as the run looks at it: the run looks again instead of giving up. */
  @Test
  void aHostWhoseAgentRestartsAtTheCheckIsLookedAtAgain() {
    damagedHostWithBackup();
    t.sim.restartAgentAt(h2.address());
    RunDriver run = start("hostcfg-agent-restarting", null, null, ApprovalPolicy.defaults());
    GateView upload = run.awaitGate("upload-host-backup");
    assertEquals("unavailable HOST_BROKEN", upload.evidence().get("probe of " + h2.address()));
    run.reject("upload-host-backup");
    assertEquals(RunResult.Outcome.REJECTED, run.result().outcome());
  }

  @Test
  void aRejectedUploadEndsTheRunWithNothingUploaded() {
    damagedHostWithBackup();
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("hostcfg-reject", null, null, ApprovalPolicy.defaults());
    run.awaitGate("upload-host-backup");
    run.reject("upload-host-backup");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.REJECTED, result.outcome(), result.summary());
    assertTrue(hostRestores(seq).isEmpty());
    assertTrue(Journal.dangerous(t.sim.journal(), seq).isEmpty());
  }

  @Test
  void anUnconfirmedRebootExpiresAndNothingRunsAfterIt() {
    damagedHostWithBackup();
    long seq = Journal.lastSeq(t.sim.journal());
    ApprovalPolicy quick = new ApprovalPolicy(List.of(), 1, false, Duration.ofMinutes(30), Duration.ofHours(1));
    RunDriver run = start("hostcfg-expire", null, null, quick);
    run.awaitGate("upload-host-backup");
    run.approve("upload-host-backup");
    run.awaitGate("reboot-into-restore");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.EXPIRED, result.outcome(), result.summary());
    assertEquals(1, hostRestores(seq).size(), "only the upload approved before the expiry");
    RunStatus st = run.status();
    assertTrue(st.warnings().stream().anyMatch(w -> w.startsWith("reminder: gate reboot-into-restore")), st.warnings().toString());
    assertEquals(StepState.SKIPPED, st.steps().stream().filter(s -> s.id().equals("wait-back")).findFirst().orElseThrow().state());
  }

  @Test
  void aCorruptBackupInTheStoreIsRefusedBeforeAnyUpload() throws IOException {
    BackupRecord backup = damagedHostWithBackup();
    Path root = ((DirectoryBackupStore) t.store).root();
    try (Stream<Path> files = Files.walk(root)) {
      Path data = files.filter(p -> p.toString().endsWith(".data") && p.toString().contains(h2.uuid())).findFirst()
          .orElseThrow();
      byte[] bytes = Files.readAllBytes(data);
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(data, bytes);
    }
    long seq = Journal.lastSeq(t.sim.journal());
    RunResult result = start("hostcfg-corrupt", backup.id(), null, ApprovalPolicy.defaults()).result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("BACKUP_CORRUPT"), result.summary());
    assertTrue(hostRestores(seq).isEmpty());
  }

  @Test
  void aBackupTheHostRefusesEndsWithRestoreScriptFailed() {
    BackupRecord good = damagedHostWithBackup();
    // host-2's own image, damaged when it was taken (gzip's CRC in the trailer is wrong) and stored so:
    // the store's checksum and the image's inventory are fine, the host's restore script cannot unpack it
    byte[] damaged = t.store.get(good.id()).content();
    damaged[damaged.length - 6] ^= 0x5A;
    BackupRecord wrong = t.store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(),
        Instant.ofEpochMilli(t.env.currentTimeMillis()).plusSeconds(1), damaged));
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("hostcfg-script", wrong.id(), null, ApprovalPolicy.defaults());
    run.awaitGate("upload-host-backup");
    run.approve("upload-host-backup");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("RESTORE_SCRIPT_FAILED"), result.summary());
    List<JournalEntry> refused = hostRestores(seq);
    assertEquals(1, refused.size(), "one refused attempt: the refusal is not retried");
    assertEquals("RESTORE_SCRIPT_FAILED", refused.get(0).outcome());
    assertTrue(run.status().gates().stream().noneMatch(g -> g.gateId().equals("reboot-into-restore")));
  }

  @Test
  void aHostThatDoesNotAnswerIsNotAConfigurationProblem() {
    damagedHostWithBackup();
    t.sim.killHost(h2.uuid());
    RunResult result = start("hostcfg-dead", null, null, ApprovalPolicy.defaults()).result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("nothing answers"), result.summary());
  }

  @Test
  void aHostThatDoesNotComeBackInTimeFailsTheRun() {
    damagedHostWithBackup();
    RunDriver run = start("hostcfg-late", null, Duration.ofMinutes(10), ApprovalPolicy.defaults());
    run.awaitGate("upload-host-backup");
    run.approve("upload-host-backup");
    run.awaitGate("reboot-into-restore");
    run.approve("reboot-into-restore"); // confirmed, but nobody actually rebooted it
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("did not come back live within PT10M"), result.summary());
    assertTrue(t.sim.machineAt(h2.address()) instanceof MachineState.Unavailable, "still broken");
  }

  @Test
  void aLostReplyToTheUploadIsNotSentAgainAndTheUploadIsRecorded() {
    LostReplyConnector lose = new LostReplyConnector("hostRestore");
    t = RecoveryTestEnv.instrumented("small", lose::wrap);
    long seq = damageHost2WithBackup();
    RunDriver run = uploadAndRebootApproved("hostcfg-lost-reply");
    RunResult result = run.result();

    assertTrue(lose.lost(), "the reply to the upload was lost");
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(t.snapshot().hostByUuid(h2.uuid()).orElseThrow().live(), "restored from the one staged image");
    List<JournalEntry> ops = hostRestores(seq);
    assertEquals(1, ops.size(), ops.toString());
    assertEquals("ok", ops.get(0).outcome());
    assertEquals(List.of("PUT /host_restore"), run.status().operations().stream().map(o -> o.call()).toList());
  }

  @Test
  void anUploadTheHostNeverTookIsSentAgainAndTheRunRecovers() {
    // the campaign's seed 1008: the first upload's connection drops before the host reads it
    t = RecoveryTestEnv.withWireFaults("small", WireFaultPlan.only(1.0, 1008, WireFault.DROPPED_BEFORE)
        .onCalls("PUT /host_restore").firstCallsOnly(1));
    long seq = damageHost2WithBackup();
    RunResult result = uploadAndRebootApproved("hostcfg-dropped-upload").result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(t.snapshot().hostByUuid(h2.uuid()).orElseThrow().live(), "restored from the image sent again");
    List<JournalEntry> ops = hostRestores(seq);
    assertEquals(1, ops.size(), "the dropped upload never reached the host: " + ops);
    assertEquals("ok", ops.get(0).outcome());
  }

  /** A backup of host-2 stored, then its configuration damaged; returns the journal's last seq before the run. */
  private long damageHost2WithBackup() {
    h2 = t.host("host-2");
    t.store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(), Instant.ofEpochMilli(t.env.currentTimeMillis()),
        t.sim.hostBackup(h2.uuid())));
    t.sim.damageConfig(h2.uuid());
    return Journal.lastSeq(t.sim.journal());
  }

  /** A run restoring host-2's newest backup: the upload approved, the host rebooted into its installer, approved. */
  private RunDriver uploadAndRebootApproved(String id) {
    RunDriver run = start(id, null, Duration.ofMinutes(20), ApprovalPolicy.defaults());
    run.awaitGate("upload-host-backup");
    run.approve("upload-host-backup");
    run.awaitGate("reboot-into-restore");
    t.sim.rebootIntoInstallerRestore(h2.uuid());
    run.approve("reboot-into-restore");
    return run;
  }
}
