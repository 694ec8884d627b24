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

  /**
   * Failure type (not retried) of an upload whose earlier attempt sent it but whose task can no longer
   * be read (its agent restarted, or another host became master): whether the host staged it is not
   * known, and only a person may decide to send it again.
   */
  String UPLOAD_OUTCOME_UNKNOWN = "UPLOAD_OUTCOME_UNKNOWN";

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

  /**
   * {@code PUT /host_restore} of that backup on the host's own address (host-local). A retry after an
   * attempt that sent it reads the upload's task: taken, nothing is sent again; failed or never picked
   * up, it is sent again; gone, {@link #UPLOAD_OUTCOME_UNKNOWN}.
   */
  @ActivityMethod
  StagedHostBackup uploadHostBackup(String hostAddress, String hostUuid, String backupId, ApprovalProof approval);

  /**
   * Succeeds once the master marks the host live and the host answers as a pool member (or master);
   * fails retryably ({@code HOST_NOT_BACK}) until then, so the retry policy is the wait.
   */
  @ActivityMethod
  HostBack hostBack(String poolAddress, String hostUuid);
}
