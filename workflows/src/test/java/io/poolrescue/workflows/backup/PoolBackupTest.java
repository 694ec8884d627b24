package io.poolrescue.workflows.backup;

import io.poolrescue.workflows.api.RecoveryRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.pool.PoolDatabaseDump;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.PoolBackup;
import io.poolrescue.workflows.api.PoolBackupRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.Replay;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolBackupTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private RunResult runToEnd(String id, PoolBackupRequest request) {
    PoolBackup run = t.newRun(PoolBackup.class, id);
    WorkflowClient.start(run::run, request);
    return t.client.newUntypedWorkflowStub(id).getResult(RunResult.class);
  }

  @Test
  void takesEveryKindOfBackupEachRoundAndKeepsTheNewest() throws IOException {
    t = RecoveryTestEnv.preset("small");
    PoolSnapshot s = t.snapshot();
    Instant start = Instant.ofEpochMilli(t.env.currentTimeMillis());
    RunResult result = runToEnd("backup-small",
        new PoolBackupRequest(t.sim.masterAddress(), Duration.ofHours(6), 2, true, true, 3));

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<BackupRecord> dumps = t.store.list(Kind.POOL_DATABASE, s.pool().uuid());
    assertEquals(2, dumps.size(), "the newest 2 of 3 rounds kept: " + dumps);
    Duration apart = Duration.between(dumps.get(1).takenAt(), dumps.get(0).takenAt());
    assertTrue(apart.compareTo(Duration.ofHours(6)) >= 0 && apart.compareTo(Duration.ofHours(6).plusSeconds(1)) < 0,
        "rounds every 6 h at a fixed rate (timers fire to the millisecond): " + apart);
    Duration sinceStart = Duration.between(start, dumps.get(0).takenAt());
    assertTrue(sinceStart.compareTo(Duration.ofHours(12)) >= 0 && sinceStart.compareTo(Duration.ofHours(12).plusMinutes(1)) < 0,
        "the third round runs 12 h after the first: " + sinceStart);
    for (Host h : s.hosts()) {
      assertEquals(2, t.store.list(Kind.HOST_BACKUP, h.uuid()).size(), h.nameLabel());
    }
    List<Vm> vms = s.vms().stream().filter(v -> !v.controlDomain()).toList();
    for (Vm vm : vms) {
      assertEquals(2, t.store.list(Kind.VM_METADATA, vm.uuid()).size(), vm.nameLabel());
    }
    for (BackupRecord r : dumps) {
      assertEquals(r.sha256(), t.store.get(r.id()).sha256(), "checksum verified on read");
      assertTrue(r.encrypted(), "pool dumps are encrypted at rest");
    }

    RunStatus st = t.client.newUntypedWorkflowStub("backup-small").query(RecoveryRun.STATUS_QUERY, RunStatus.class);
    assertEquals(List.of("GET /pool/xmldbdump", "GET /host_backup", "GET /export_metadata"),
        st.operations().stream().map(OperationApplied::call).distinct().filter(c -> c.startsWith("GET")).toList());
    List<OperationApplied> retention = st.operations().stream().filter(o -> o.call().equals("retention")).toList();
    assertEquals(3, retention.size(), "round 3 deleted the oldest of each kind: " + retention);
    assertTrue(retention.stream().anyMatch(o -> o.args().contains(vms.size() + " deleted")), retention.toString());
    assertTrue(st.warnings().isEmpty(), st.warnings().toString());
    Replay.assertReplays(t.client.fetchHistory("backup-small"));
  }

  @Test
  void theStoredDumpDoesNotShowThePoolSecret() throws IOException {
    t = RecoveryTestEnv.preset("small");
    String secret = PoolDatabaseDump.parse(t.sim.dumpDatabase()).table("secret").get(0).get("value");
    assertTrue(secret != null && secret.length() >= 16, "the pool database holds a secret: " + secret);
    RunResult result = runToEnd("backup-secret",
        new PoolBackupRequest(t.sim.masterAddress(), Duration.ofHours(1), 3, false, false, 1));
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());

    BackupRecord dump = t.store.newest(Kind.POOL_DATABASE, t.snapshot().pool().uuid()).orElseThrow();
    String restored = new String(t.store.get(dump.id()).content(), StandardCharsets.UTF_8);
    assertTrue(restored.contains(secret), "the backup holds the secret once decrypted");
    Path root = ((DirectoryBackupStore) t.store).root();
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertFalse(all.isEmpty());
      for (Path p : all) {
        String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(secret), p + " holds the pool secret in the clear");
        assertFalse(raw.contains("<database"), p + " holds the dump in the clear");
      }
    }
  }

  @Test
  void aLongSeriesContinuesAsNewSoEachHistoryStaysSmall() {
    t = RecoveryTestEnv.preset("small");
    String id = "backup-series";
    PoolBackup run = t.newRun(PoolBackup.class, id);
    String firstRun = WorkflowClient.start(run::run,
        new PoolBackupRequest(t.sim.masterAddress(), Duration.ofHours(1), 4, false, false, 23)).getRunId();
    RunResult result = t.client.newUntypedWorkflowStub(id).getResult(RunResult.class);

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(result.summary().startsWith("3 backup round(s)"), "the third run did the last 3 of 23: " + result.summary());
    // 23 rounds, 10 per run: three executions chained by continue-as-new, each history small
    List<Integer> sizes = new java.util.ArrayList<>();
    String runId = firstRun;
    while (runId != null) {
      WorkflowExecutionHistory h = t.client.fetchHistory(id, runId);
      sizes.add(h.getEvents().size());
      HistoryEvent last = h.getEvents().get(h.getEvents().size() - 1);
      runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
          ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
    }
    assertEquals(3, sizes.size(), "executions: " + sizes);
    assertTrue(sizes.stream().allMatch(n -> n < 300), "events per execution: " + sizes);
    assertEquals(4, t.store.list(Kind.POOL_DATABASE, t.snapshot().pool().uuid()).size());
  }

  @Test
  void anUnreachablePoolIsRecordedRoundByRoundAndTheRunReportsIt() {
    t = RecoveryTestEnv.preset("small");
    RunResult result = runToEnd("backup-unreachable",
        new PoolBackupRequest("127.0.99.1", Duration.ofHours(1), 2, true, false, 2));
    assertEquals(RunResult.Outcome.FAILED, result.outcome(), result.summary());
    assertTrue(result.summary().contains("2 round(s) incomplete"), result.summary());
    RunStatus st = t.client.newUntypedWorkflowStub("backup-unreachable").query(RecoveryRun.STATUS_QUERY, RunStatus.class);
    assertTrue(st.warnings().stream().anyMatch(w -> w.contains("POOL_UNREACHABLE")), st.warnings().toString());
    assertTrue(t.store.list(Kind.POOL_DATABASE, null).isEmpty());
  }

  @Test
  void aBadRequestChangesNothing() {
    t = RecoveryTestEnv.preset("small");
    RunResult result = runToEnd("backup-bad",
        new PoolBackupRequest(t.sim.masterAddress(), Duration.ZERO, 2, true, true, 1));
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("interval must be a positive duration"), result.summary());
    assertTrue(t.store.list(Kind.POOL_DATABASE, null).isEmpty());
  }
}
