package io.poolrescue.activities.hostrestore;

/** A host backup uploaded with {@code host_restore}, waiting for the installer's "Restore from backup". */
public record StagedHostBackup(String hostUuid, String address, String backupId, String sha256, long size) {}
