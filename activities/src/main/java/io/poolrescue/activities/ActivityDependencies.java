package io.poolrescue.activities;

import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.notify.NotificationSink;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.HostFencing;
import java.util.function.Supplier;

/**
 * What the activities are built from, all of it worker configuration: how to reach the pool, where
 * backups live, where notifications go, the BMCs of the inventory, and whether a two-person
 * attestation may stand in for a BMC that cannot tell, and the approval policy (read again for each
 * run, so an edited file applies to the runs started after the edit).
 */
public record ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
    HostFencing fencing, boolean attestationAllowed, Supplier<PolicyFile> policy) {

  /** Without a policy file: the built-in policy (unsigned decisions accepted, one approval, four eyes). */
  public ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink, HostFencing fencing,
      boolean attestationAllowed) {
    this(connector, store, sink, fencing, attestationAllowed, () -> PolicyFile.builtIn(attestationAllowed));
  }
}
