package io.poolrescue.activities;

import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.notify.NotificationSink;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.HostFencing;

/**
 * What the activities are built from, all of it worker configuration: how to reach the pool, where
 * backups live, where notifications go, the BMCs of the inventory, and whether a two-person
 * attestation may stand in for a BMC that cannot tell.
 */
public record ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
    HostFencing fencing, boolean attestationAllowed) {}
