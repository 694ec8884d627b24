package io.poolrescue.activities;

import io.poolrescue.activities.approval.CallingRun;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.notify.NotificationSink;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.scope.RequestScopeActivitiesImpl;
import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.inventory.Inventory;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the activities are built from, all of it worker configuration: how to reach the pool, where
 * backups live, where notifications go, the BMCs of the inventory, whether a two-person
 * attestation may stand in for a BMC that cannot tell, the inventory itself (null when the worker
 * has none), the addresses the worker may log in to, the approval policy (read again for each run,
 * so an edited file applies to the runs started after the edit), and the worker's own Temporal
 * client for the per-pool lock with how often a lock checks its holder.
 *
 * @param allowlist the same allowlist the connector enforces; null means the inventory's addresses,
 *     or loopback addresses only without an inventory (tests and the simulator)
 * @param policy null means the built-in policy (unsigned decisions accepted, one approval, four eyes)
 * @param client null: the lock activities refuse (activities used alone)
 * @param lockCheckInterval null: 30 s
 * @param callingRun which run a pool-changing call comes from (null: the activity's own, as Temporal
 *     says; the activities' tests name a fixed run, see {@link CallingRun})
 * @param siteWorkerWait how long a run's call waits for a worker of its pool's site before the run
 *     says none is there (null: {@link RequestScopeActivitiesImpl#DEFAULT_SITE_WORKER_WAIT}); only
 *     with an inventory that names sites
 */
public record ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
    HostFencing fencing, boolean attestationAllowed, Inventory inventory, AddressAllowlist allowlist,
    Supplier<PolicyFile> policy, WorkflowClient client, Duration lockCheckInterval, CallingRun callingRun,
    Duration siteWorkerWait) {

  public ActivityDependencies {
    if (siteWorkerWait == null) {
      siteWorkerWait = RequestScopeActivitiesImpl.DEFAULT_SITE_WORKER_WAIT;
    }
    if (allowlist == null) {
      allowlist = inventory != null ? AddressAllowlist.fromInventory(inventory) : AddressAllowlist.loopback();
    }
    if (callingRun == null) {
      callingRun = CallingRun.TEMPORAL;
    }
    if (policy == null) {
      boolean attestation = attestationAllowed;
      policy = () -> PolicyFile.builtIn(attestation);
    }
  }

  /** Without an inventory (only loopback addresses are in scope), with the built-in policy, no client. */
  public ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
      HostFencing fencing, boolean attestationAllowed) {
    this(connector, store, sink, fencing, attestationAllowed, null, null, null, null, null, null, null);
  }

  /** With an inventory and the built-in policy. */
  public ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
      HostFencing fencing, boolean attestationAllowed, Inventory inventory, AddressAllowlist allowlist) {
    this(connector, store, sink, fencing, attestationAllowed, inventory, allowlist, null, null, null, null, null);
  }

  /** Without an inventory, deciding by {@code policy}. */
  public ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
      HostFencing fencing, boolean attestationAllowed, Supplier<PolicyFile> policy) {
    this(connector, store, sink, fencing, attestationAllowed, null, null, policy, null, null, null, null);
  }

  /** With an inventory, deciding by {@code policy}. */
  public ActivityDependencies(PoolConnector connector, BackupStore store, NotificationSink sink,
      HostFencing fencing, boolean attestationAllowed, Inventory inventory, AddressAllowlist allowlist,
      Supplier<PolicyFile> policy) {
    this(connector, store, sink, fencing, attestationAllowed, inventory, allowlist, policy, null, null, null, null);
  }

  public ActivityDependencies withClient(WorkflowClient c) {
    return new ActivityDependencies(connector, store, sink, fencing, attestationAllowed, inventory, allowlist, policy,
        c, lockCheckInterval, callingRun, siteWorkerWait);
  }

  public ActivityDependencies withLockCheckInterval(Duration interval) {
    return new ActivityDependencies(connector, store, sink, fencing, attestationAllowed, inventory, allowlist, policy,
        client, interval, callingRun, siteWorkerWait);
  }

  public ActivityDependencies withCallingRun(CallingRun run) {
    return new ActivityDependencies(connector, store, sink, fencing, attestationAllowed, inventory, allowlist, policy,
        client, lockCheckInterval, run, siteWorkerWait);
  }

  public ActivityDependencies withSiteWorkerWait(Duration wait) {
    return new ActivityDependencies(connector, store, sink, fencing, attestationAllowed, inventory, allowlist, policy,
        client, lockCheckInterval, callingRun, wait);
  }
}
