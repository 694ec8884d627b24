package io.poolrescue.activities;

import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backupstore.BackupStoreActivitiesImpl;
import io.poolrescue.activities.fence.FenceActivitiesImpl;
import io.poolrescue.activities.fence.FenceGuard;
import io.poolrescue.activities.ha.PoolHaActivitiesImpl;
import io.poolrescue.activities.host.HostActivitiesImpl;
import io.poolrescue.activities.hostrestore.HostRestoreActivitiesImpl;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.activities.lock.LockActivitiesImpl;
import io.poolrescue.activities.master.MasterActivitiesImpl;
import io.poolrescue.activities.metadata.MetadataImportActivitiesImpl;
import io.poolrescue.activities.notify.NotificationActivitiesImpl;
import io.poolrescue.activities.pbd.PbdRepairActivitiesImpl;
import io.poolrescue.activities.policy.PolicyActivitiesImpl;
import io.poolrescue.activities.poolrestore.PoolRestoreActivitiesImpl;
import io.poolrescue.activities.scope.RequestScopeActivitiesImpl;
import io.poolrescue.activities.storage.StorageActivitiesImpl;
import io.poolrescue.activities.vm.VmActivitiesImpl;
import io.poolrescue.pool.PoolConnector;
import java.util.List;
import java.util.Set;

/**
 * Every activity implementation, built from the worker's collaborators. The worker, the embedded
 * dev stack and the tests all register exactly this list.
 */
public final class ActivityImplementations {
  /**
   * The activities that touch no pool and no BMC (notifications, the policy, the scope check, the pool
   * lock): any worker takes them from the shared queue. Every other one runs on its pool's site.
   */
  public static final Set<Class<?>> SITE_INDEPENDENT = Set.of(NotificationActivitiesImpl.class,
      PolicyActivitiesImpl.class, RequestScopeActivitiesImpl.class, LockActivitiesImpl.class);

  private ActivityImplementations() {}

  /** Those of {@link #create} that run on the site's queue. */
  public static List<Object> siteBound(ActivityDependencies d) {
    return create(d).stream().filter(a -> !SITE_INDEPENDENT.contains(a.getClass())).toList();
  }

  /** Those of {@link #create} that run on the shared queue whatever the site. */
  public static List<Object> siteIndependent(ActivityDependencies d) {
    return create(d).stream().filter(a -> SITE_INDEPENDENT.contains(a.getClass())).toList();
  }

  public static List<Object> create(ActivityDependencies d) {
    PoolConnector connector = d.connector();
    BackupStore store = d.store();
    FenceGuard guard = new FenceGuard(d.fencing(), d.attestationAllowed(), connector);
    ApprovalCheck approvals = new ApprovalCheck(d.policy(), d.callingRun());
    return List.of(
        new InspectionActivitiesImpl(connector),
        new FenceActivitiesImpl(d.fencing(), d.attestationAllowed(), approvals),
        new HostActivitiesImpl(connector, guard, approvals, d.inventory()),
        new VmActivitiesImpl(connector, guard, approvals, d.inventory()),
        new StorageActivitiesImpl(connector, guard, approvals),
        new PoolHaActivitiesImpl(connector, approvals),
        new MasterActivitiesImpl(connector, approvals),
        new NotificationActivitiesImpl(d.sink()),
        new BackupStoreActivitiesImpl(connector, store, d.client()),
        new PoolRestoreActivitiesImpl(connector, store, approvals),
        new PbdRepairActivitiesImpl(connector),
        new HostRestoreActivitiesImpl(connector, store, approvals),
        new MetadataImportActivitiesImpl(connector, store, approvals),
        new PolicyActivitiesImpl(d.policy()),
        new RequestScopeActivitiesImpl(d.allowlist(), d.inventory(), d.siteWorkerWait()),
        new LockActivitiesImpl(d.client(), d.lockCheckInterval()));
  }
}
