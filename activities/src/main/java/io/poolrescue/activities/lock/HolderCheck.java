package io.poolrescue.activities.lock;

/**
 * What Temporal says about a lock's holder.
 *
 * @param running true while the holder's run (or the run it continued as) is still running
 * @param status the execution status, e.g. RUNNING, TERMINATED, TIMED_OUT, NOT_FOUND
 */
public record HolderCheck(boolean running, String status) {}
