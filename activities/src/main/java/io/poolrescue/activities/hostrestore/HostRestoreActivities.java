package io.poolrescue.activities.hostrestore;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.backup.BackupRecord;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Restoring one host's control domain from a host backup (HostConfigRestore). */
@ActivityInterface(namePrefix = "HostRestore")
public interface HostRestoreActivities {
  /** Failure type while the host has not come back yet (retried). */
  String HOST_NOT_BACK = "HOST_NOT_BACK";

  /** The host as the master sees it and what answers at its address; an unknown uuid is {@code UUID_INVALID}. */
  @ActivityMethod
  HostConfigCheck checkHost(String poolAddress, String hostUuid);

  /** {@link #checkHost}'s fingerprint alone, for the re-check right before the upload. */
  @ActivityMethod
  String hostFingerprint(String poolAddress, String hostUuid);

  /**
   * The host backup to restore: the one named, or the newest of that host. Its content is read and
   * its checksum verified, so a corrupt backup is refused here ({@code BACKUP_CORRUPT}) before any upload.
   */
  @ActivityMethod
  BackupRecord chooseHostBackup(String hostUuid, String backupId);

  /** {@code PUT /host_restore} of that backup on the host's own address (host-local). */
  @ActivityMethod
  StagedHostBackup uploadHostBackup(String hostAddress, String hostUuid, String backupId, ApprovalProof approval);

  /**
   * Succeeds once the master marks the host live and the host answers as a pool member (or master);
   * fails retryably ({@code HOST_NOT_BACK}) until then, so the retry policy is the wait.
   */
  @ActivityMethod
  HostBack hostBack(String poolAddress, String hostUuid);
}
