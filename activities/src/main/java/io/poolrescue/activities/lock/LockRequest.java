package io.poolrescue.activities.lock;

/**
 * One run that holds, waits for or gives back a pool lock: the root run's workflow id and the run
 * id of that execution (a new run under the same workflow id is another holder).
 */
public record LockRequest(String workflowId, String runId) {}
