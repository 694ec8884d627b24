package io.poolrescue.activities.backup;

/** The host backup was uploaded ({@code PUT /host_restore}); it is applied at the next installer "Restore from backup". */
public record HostRestoreResult(String hostAddress, String backupId, String sha256) {}
