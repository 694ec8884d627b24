package io.poolrescue.activities.poolrestore;

import java.time.Instant;
import java.util.List;

/**
 * A pool database backup read back from the store (checksum verified, decrypted) and parsed: what a
 * restore from it would bring back.
 *
 * @param schema XAPI's schema version of the dump, {@code major.minor}; the restore target must run the same
 * @param masterNicDevices NIC names of the backup's master, which the target must have
 * @param sharedSrs "uuid (name, type)" of each shared SR the restored pool will expect to reach
 * @param backupHosts the pool's hosts as the backup has them (empty in results recorded before fencing)
 */
public record PoolBackupCheck(
    String backupId, String poolUuid, Instant takenAt, String sha256, long size, String keyId, String schema,
    String masterHostUuid, String masterName, List<String> masterNicDevices, String masterManagementDevice,
    int hosts, int vms, int vmsRunning, List<String> sharedSrs, List<BackupHost> backupHosts) {

  public PoolBackupCheck {
    masterNicDevices = List.copyOf(masterNicDevices);
    sharedSrs = List.copyOf(sharedSrs);
    backupHosts = backupHosts == null ? List.of() : List.copyOf(backupHosts);
  }
}
