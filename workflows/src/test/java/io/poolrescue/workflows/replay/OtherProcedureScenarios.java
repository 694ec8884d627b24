package io.poolrescue.workflows.replay;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.HostConfigRestore;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.PoolBackup;
import io.poolrescue.workflows.api.PoolBackupRequest;
import io.poolrescue.workflows.api.VmMetadataImport;
import io.poolrescue.workflows.api.VmMetadataImportRequest;
import io.poolrescue.workflows.metadata.RecordedImport;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Recorded runs of {@code PoolBackup}, {@code HostConfigRestore} and {@code VmMetadataImport}. */
final class OtherProcedureScenarios {
  private OtherProcedureScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("backup-two-rounds", PoolSource.preset("small"),
            "two backup rounds six hours apart: pool database, host backups, VM metadata, keep the newest two", Outcome.RECOVERED, r -> {
              PoolBackup run = r.env().newRun(PoolBackup.class, r.workflowId());
              WorkflowClient.start(run::run,
                  new PoolBackupRequest(r.env().sim.masterAddress(), Duration.ofHours(6), 2, true, true, 2));
              r.control().result();
            }),
        new Scenario("hostcfg-restored", PoolSource.preset("small"),
            "a host with a broken configuration: its backup uploaded behind a gate, the operator's reboot into"
                + " Restore from backup confirmed at a second gate, the host back", Outcome.RECOVERED, r -> {
              Host h2 = damagedHost(r);
              RunControl c = r.control();
              c.awaitGate("upload-host-backup");
              c.approve("upload-host-backup", "backup of last night, checksum verified");
              c.awaitGate("reboot-into-restore");
              r.byHand(() -> r.env().sim.rebootIntoInstallerRestore(h2.uuid()));
              c.approve("reboot-into-restore", "rebooted from the installer, chose Restore from backup");
              c.result();
            }),
        new Scenario("hostcfg-rejected", PoolSource.preset("small"),
            "the host backup upload is rejected: nothing is uploaded", Outcome.REJECTED, r -> {
              damagedHost(r);
              RunControl c = r.control();
              c.awaitGate("upload-host-backup");
              c.decide("upload-host-backup", "bob", Decision.REJECT, "reinstall instead, the disk is failing");
              c.result();
            }),
        new Scenario("import-force-approved", PoolSource.spec(RecordedImport.disasterRecovery()),
            "VM metadata imported into a DR pool: a dry run, the plain imports, the forced ones behind a gate, VMs"
                + " started", Outcome.RECOVERED, r -> {
              startImport(r);
              RunControl c = r.control();
              c.awaitGate("import-with-force");
              c.approve("import-with-force", "vm-a replaced on purpose, vm-c's disk comes later");
              c.result();
            }),
        new Scenario("import-force-rejected", PoolSource.spec(RecordedImport.disasterRecovery()),
            "the forced imports are rejected: only the plain import stands", Outcome.REJECTED, r -> {
              startImport(r);
              RunControl c = r.control();
              c.awaitGate("import-with-force");
              c.decide("import-with-force", "bob", Decision.REJECT, "do not replace vm-a");
              c.result();
            }));
  }

  /** host-2 backed up while healthy, then its configuration damaged; the restore started. */
  private static Host damagedHost(Scenario.Recording r) {
    RecordingEnv t = r.env();
    Host h2 = t.sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
    BackupRecord b = t.store.put(new BackupArtefact(BackupArtefact.Kind.HOST_BACKUP, h2.uuid(),
        Instant.ofEpochMilli(t.env.currentTimeMillis()), t.sim.hostBackup(h2.uuid())));
    t.sim.damageConfig(h2.uuid());
    HostConfigRestore run = t.newRun(HostConfigRestore.class, r.workflowId());
    WorkflowClient.start(run::run, new HostConfigRestoreRequest(t.sim.masterAddress(), h2.uuid(), b.id(),
        Duration.ofMinutes(20), RecordingEnv.STARTER, ApprovalPolicy.defaults()));
    return h2;
  }

  private static void startImport(Scenario.Recording r) {
    RecordingEnv t = r.env();
    List<String> exports = RecordedImport.exportProduction(t.store, Instant.ofEpochMilli(t.env.currentTimeMillis()));
    VmMetadataImport run = t.newRun(VmMetadataImport.class, r.workflowId());
    WorkflowClient.start(run::run, new VmMetadataImportRequest(t.sim.masterAddress(), exports, true,
        RecordingEnv.STARTER, ApprovalPolicy.defaults()));
  }
}
