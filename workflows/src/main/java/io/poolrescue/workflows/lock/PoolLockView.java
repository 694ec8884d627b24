package io.poolrescue.workflows.lock;

import java.time.Instant;
import java.util.List;

/**
 * The lock as its {@code holder} query shows it.
 *
 * @param holder the workflow id of the run that holds the pool, or null
 * @param waiting the workflow ids waiting, in the order they will get it
 * @param lastFreed why the lock was last taken from a holder that did not give it back, or null
 */
public record PoolLockView(String key, String holder, Instant heldSince, List<String> waiting, String lastFreed) {}
