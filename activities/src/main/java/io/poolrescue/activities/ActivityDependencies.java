package io.poolrescue.activities;

import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.notify.NotificationSink;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.HostFencing;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/**
 * What the activities are built from, all of it worker configuration: how to reach the pool, where
 * backups live, where notifications go, the BMCs of the inventory, whether a two-person
 * attestation may stand in for a BMC that cannot tell, and the worker's own Temporal client for the
 * per-pool lock (null: the lock activities refuse) with how often a lock checks its holder (null: 30 s).
 */
public record ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
    HostFencing fencing, boolean attestationAllowed, WorkflowClient client, Duration lockCheckInterval) {

  /** Without a Temporal client: for activities used alone, and callers that add the client later ({@link #withClient}). */
  public ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink, HostFencing fencing,
      boolean attestationAllowed) {
    this(connector, store, sink, fencing, attestationAllowed, null, null);
  }

  public ActivityDependencies withClient(WorkflowClient client) {
    return new ActivityDependencies(connector, store, sink, fencing, attestationAllowed, client, lockCheckInterval);
  }

  public ActivityDependencies withLockCheckInterval(Duration interval) {
    return new ActivityDependencies(connector, store, sink, fencing, attestationAllowed, client, interval);
  }
}
