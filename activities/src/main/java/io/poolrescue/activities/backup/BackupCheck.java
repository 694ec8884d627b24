package io.poolrescue.activities.backup;

/** Whether a stored backup can be used: present, checksum right, of the expected kind. */
public record BackupCheck(StoredBackup backup, boolean ok, String problem) {}
