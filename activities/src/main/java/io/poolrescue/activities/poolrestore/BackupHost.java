package io.poolrescue.activities.poolrestore;

/**
 * A host of the pool as the backup knows it: after a restore its record comes back, and the machine
 * must be off unless it is one of the fresh installs (the same serial).
 *
 * @param serial null when the backup does not record it
 */
public record BackupHost(String uuid, String name, String address, String serial) {}
