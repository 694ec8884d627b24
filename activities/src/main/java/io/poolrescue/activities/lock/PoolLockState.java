package io.poolrescue.activities.lock;

import java.time.Duration;
import java.util.List;

/**
 * The lock workflow's input: at its start (by signal-with-start) only the key and the check
 * interval; when it continues as new, also who holds it and who waits, in order.
 *
 * @param checkInterval how often the lock asks Temporal whether its holder still runs
 * @param holder the run that holds the lock, or null
 * @param heldSinceMillis when the holder got it (workflow time), 0 when nobody holds it
 * @param waiting the runs waiting, first come first served
 * @param lastFreed why the lock was last taken from a holder that did not give it back, or null
 * @param grantsPerRun grants before the lock continues as new; 0 for the default
 */
public record PoolLockState(String key, Duration checkInterval, LockRequest holder, long heldSinceMillis,
    List<LockRequest> waiting, String lastFreed, int grantsPerRun) {

  public static PoolLockState fresh(String key, Duration checkInterval) {
    return new PoolLockState(key, checkInterval, null, 0, List.of(), null, 0);
  }
}
