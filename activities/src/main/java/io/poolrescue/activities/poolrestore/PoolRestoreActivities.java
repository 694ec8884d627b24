package io.poolrescue.activities.poolrestore;

import io.poolrescue.activities.approval.ApprovalProof;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Rebuilding a lost pool from a database backup onto fresh hosts (PoolRestore). */
@ActivityInterface(namePrefix = "PoolRestore")
public interface PoolRestoreActivities {
  /** Failure types of the waits, retried by the activity's retry policy. */
  String RESTORE_IN_PROGRESS = "RESTORE_IN_PROGRESS";
  String RESTORE_TARGET_NOT_READY = "RESTORE_TARGET_NOT_READY";
  String HOST_NOT_JOINED = "HOST_NOT_JOINED";
  /** A backup whose checksum is right but which is not a readable pool database. */
  String BACKUP_UNREADABLE = "BACKUP_UNREADABLE";

  /** Reads the backup (checksum, decryption) and parses it; {@code BACKUP_*} failures when it cannot be used. */
  @ActivityMethod
  PoolBackupCheck checkPoolBackup(String backupId);

  /** What answers at a fresh host's address and whether it can be restored onto or joined. Never changes it. */
  @ActivityMethod
  FreshHostCheck checkFreshHost(String address);

  /**
   * {@code PUT /pool/xmldbdump} on the target (host-local), as a dry run or for real. A target that
   * already runs the backup's pool is left alone (ALREADY_RESTORED). The NIC refusals keep their XAPI
   * code as the failure type and name the device.
   */
  @ActivityMethod
  RestoreAttempt restorePoolDatabase(String targetAddress, String backupId, boolean dryRun, ApprovalProof approval);

  /** Succeeds once the address answers as master of that pool; retryable {@code RESTORE_IN_PROGRESS} until then. */
  @ActivityMethod
  RestoredMaster restoredMaster(String address, String poolUuid);

  /** Hosts, VMs by power state, shared SRs and the default SR of the restored pool. */
  @ActivityMethod
  RestoredPoolReport inspectRestoredPool(String masterAddress);

  /** A page of the VMs still marked Running, Paused or Suspended although their host is gone or dead. */
  @ActivityMethod
  VmPage vmsToReset(String masterAddress, int offset, int limit);

  /** A page of the VMs that were Running, Paused or Suspended in the backup: the ones to start again. */
  @ActivityMethod
  VmPage vmsToStart(String masterAddress, String backupId, int offset, int limit);

  /** Succeeds once the master sees the host at that address live; retryable {@code HOST_NOT_JOINED} until then. */
  @ActivityMethod
  JoinedHost joinedHost(String masterAddress, String hostAddress);
}
