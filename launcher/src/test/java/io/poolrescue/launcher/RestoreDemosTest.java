package io.poolrescue.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.cli.CliRun;
import io.poolrescue.cli.ExitCode;
import org.junit.jupiter.api.Test;

/** The demos of the restore procedures: backups first (PoolBackup), then the fault, the gated run, a healthy pool. */
class RestoreDemosTest {

  /** The demo approved by a second person, as the README runs it. */
  private static CliRun demo(String procedure) {
    return CliRun.of(PoolRescueMain.commandLine(), "demo", procedure, "--yes", "--as", "second-operator",
        "--started-by", "first-operator");
  }

  @Test
  void hostConfigRestoreUploadsTheBackupAndWaitsForTheOperatorsReboot() {
    CliRun run = demo("host-config-restore");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    String out = run.out();
    assertTrue(out.contains(">>> backups first: PoolBackup demo-pool-backup"), out);
    assertTrue(out.contains(">>> FAULT injected: configuration damaged on host-3"), out);
    assertTrue(out.contains("GATE upload-host-backup  [OPEN]"), out);
    assertTrue(out.contains(">>> OPERATOR (hands-on step, simulated): booted host-3"), out);
    assertTrue(out.indexOf(">>> OPERATOR") < out.indexOf(">>> DECISION on reboot-into-restore"), "reboot, then confirm");
    assertTrue(out.contains("result: RECOVERED"), out);
    assertTrue(out.contains("pool: healthy"), out);
  }

  @Test
  void poolRestoreRebuildsTheLostPoolOnFreshHosts() {
    CliRun run = demo("pool-restore");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    String out = run.out();
    assertTrue(out.contains(">>> pool database backup pool-database."), out);
    assertTrue(out.contains("encrypted at rest: true"), out);
    assertTrue(out.contains(">>> FAULT injected: every host of the pool is lost"), out);
    assertTrue(out.contains(">>> DECISION on restore-database: APPROVE by second-operator"), out);
    String after = out.substring(out.indexOf("=== pool AFTER"));
    assertTrue(after.contains("Pool small  master 127.0.30.1"), after);
    assertTrue(out.contains("pool: healthy"), out);
  }

  @Test
  void vmMetadataImportBringsBackADeletedVm() {
    CliRun run = demo("vm-metadata-import");
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    String out = run.out();
    assertTrue(out.contains(">>> VM metadata export vm-metadata."), out);
    assertTrue(out.contains("was deleted by mistake (xe vm-destroy)"), out);
    assertTrue(out.contains("result: RECOVERED"), out);
    assertTrue(out.contains("pool: healthy"), out);
  }

  @Test
  void unsupportedDemoIsAClearError() {
    CliRun run = CliRun.of(PoolRescueMain.commandLine(), "demo", "pool-backup", "--yes", "--as", "b");
    assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("'poolrescue start pool-backup'"), run.toString());
  }
}
