package io.poolrescue.workflows.hostconfig;

import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.hostrestore.HostConfigCheck;
import io.poolrescue.activities.hostrestore.StagedHostBackup;
import io.poolrescue.workflows.core.GateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gate and the human task of a host configuration restore. */
final class HostConfigGates {
  private HostConfigGates() {}

  // gate ids: recorded in histories and in decide payloads, so never renamed
  static final String UPLOAD_HOST_BACKUP = GateIds.UPLOAD_HOST_BACKUP;
  static final String REBOOT_INTO_RESTORE = "reboot-into-restore";

  static String name(HostConfigCheck h) {
    return h.hostUuid() + " (" + h.nameLabel() + ", " + h.address() + ")";
  }

  static Map<String, String> evidence(HostConfigCheck h, BackupRecord b) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("master marks it live", Boolean.toString(h.live()));
    e.put("probe of " + h.address(), StateFingerprint.probeKind(h.probe()));
    e.put("backup", b.id());
    e.put("backup taken at", String.valueOf(b.takenAt()));
    e.put("backup sha256 (verified)", b.sha256());
    e.put("backup size", b.size() + " bytes");
    return e;
  }

  static GateRequest upload(HostConfigCheck h, BackupRecord b) {
    return new GateRequest(UPLOAD_HOST_BACKUP, "upload",
        "Upload host backup " + b.id() + " to host " + name(h) + " (PUT /host_restore); it replaces the host's "
            + "software and configuration at its next installer 'Restore from backup'",
        List.of(h.hostUuid()),
        "The host runs but its software or configuration is damaged. The staged backup overwrites its control "
            + "domain when restored; changes made since the backup was taken are lost.",
        evidence(h, b), h.fingerprint());
  }

  /**
   * The upload asked again after an attempt sent it and its task vanished ({@code unknown}: what the
   * activity found): the host may hold it staged, or nothing.
   */
  static GateRequest uploadAgain(HostConfigCheck h, BackupRecord b, String unknown) {
    Map<String, String> e = evidence(h, b);
    e.put("earlier upload", unknown);
    return new GateRequest(UPLOAD_HOST_BACKUP, "upload",
        "Upload host backup " + b.id() + " to host " + name(h) + " again (PUT /host_restore): an earlier upload "
            + "went out, but whether the host staged it cannot be known",
        List.of(h.hostUuid()),
        "The XAPI task that tracked the earlier upload is gone. Sending again wipes the host's backup partition "
            + "and stages this backup anew; approve once the earlier upload can no longer be running (its agent "
            + "restarted, or it went out longer ago than an upload takes).",
        e, h.fingerprint());
  }

  /** Not a decision about the pool: the operator confirms a manual step was done. */
  static GateRequest reboot(HostConfigCheck h, StagedHostBackup staged) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("staged backup", staged.backupId() + " (sha256 " + staged.sha256() + ", " + staged.size() + " bytes)");
    e.put("host", name(h));
    return new GateRequest(REBOOT_INTO_RESTORE, "reboot",
        "Reboot host " + name(h) + " from the installation media and choose 'Restore from backup'; "
            + "approve here once the installer has finished and the host reboots",
        List.of(h.hostUuid()),
        "XAPI only stages the backup; the installer applies it. The run then waits for the host to come back live.",
        e, "staged:" + staged.backupId() + "@" + staged.hostUuid());
  }
}
