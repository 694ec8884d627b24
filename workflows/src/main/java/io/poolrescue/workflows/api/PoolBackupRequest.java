package io.poolrescue.workflows.api;

import java.time.Duration;

/**
 * Start of a {@code PoolBackup}: back the pool up every {@code interval}, keeping {@code retain} of each kind.
 *
 * @param rounds how many rounds to run before completing; 0 runs until cancelled
 */
public record PoolBackupRequest(
    String poolAddress, Duration interval, int retain, boolean hostBackups, boolean vmMetadata, int rounds) {}
