package io.poolrescue.workflows.hostconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.HostConfigRestore;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host image upload that takes longer than a plain pool call may: it runs in wall time (about three
 * minutes), because only a heartbeat that really arrives keeps Temporal from taking the worker for lost.
 */
class HostConfigLongUploadTest {
  private static final Duration UPLOAD = Duration.ofMinutes(3);
  private static final String HOST_RESTORE = "PUT /host_restore";

  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void aThreeMinuteUploadIsSentOnceAndTheRunRecovers() throws InterruptedException {
    t = RecoveryTestEnv.withLatencies("small", SimLatencies.instant().withHostRestoreUpload(UPLOAD));
    Host h2 = t.host("host-2");
    BackupRecord backup = t.store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(),
        Instant.ofEpochMilli(t.env.currentTimeMillis()), t.sim.hostBackup(h2.uuid())));
    t.sim.damageConfig(h2.uuid());
    long seq = Journal.lastSeq(t.sim.journal());
    HostConfigRestore start = t.newRun(HostConfigRestore.class, "hostcfg-long-upload");
    WorkflowClient.start(start::run, new HostConfigRestoreRequest(t.sim.masterAddress(), h2.uuid(), backup.id(),
        Duration.ofMinutes(20), RecoveryTestEnv.STARTER, ApprovalPolicy.defaults()));
    RunDriver run = t.driver("hostcfg-long-upload");
    run.awaitGate("upload-host-backup");
    run.approve("upload-host-backup");

    // wait in wall time, without blocking on the result: that would let the test server skip time
    long began = System.nanoTime();
    RunStatus s = run.status();
    while (s.openGates().stream().noneMatch(g -> g.gateId().equals("reboot-into-restore")) && s.result() == null) {
      assertTrue(Duration.ofNanos(System.nanoTime() - began).compareTo(UPLOAD.multipliedBy(3)) < 0,
          "the upload did not end; phase " + s.phase());
      Thread.sleep(500);
      s = run.status();
    }
    assertTrue(Duration.ofNanos(System.nanoTime() - began).compareTo(UPLOAD) >= 0, "the upload took its latency");
    assertEquals(1, hostRestores(seq).size(), "one upload, not retried while it ran: " + hostRestores(seq));

    t.sim.rebootIntoInstallerRestore(h2.uuid());
    run.approve("reboot-into-restore");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<JournalEntry> ops = hostRestores(seq);
    assertEquals(1, ops.size(), ops.toString());
    assertEquals("ok", ops.get(0).outcome());
  }

  private List<JournalEntry> hostRestores(long fromSeq) {
    return t.sim.journal().entries().stream().filter(e -> e.seq() > fromSeq && e.call().equals(HOST_RESTORE))
        .toList();
  }
}
