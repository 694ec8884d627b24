package io.poolrescue.workflows;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.ActivityImplementations;
import io.poolrescue.activities.SideBeats;
import io.poolrescue.workflows.api.HostConfigRestore;
import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.TaskQueues;
import io.poolrescue.workflows.api.VmMetadataImport;
import io.poolrescue.workflows.backup.PoolBackupImpl;
import io.poolrescue.workflows.fanout.VmBatchWorkflowImpl;
import io.poolrescue.workflows.hostconfig.HostConfigRestoreImpl;
import io.poolrescue.workflows.lock.PoolLockImpl;
import io.poolrescue.workflows.master.MasterFailureRecoveryImpl;
import io.poolrescue.workflows.member.MemberFailureRecoveryImpl;
import io.poolrescue.workflows.metadata.VmMetadataImportImpl;
import io.poolrescue.workflows.restore.PoolRestoreImpl;
import io.poolrescue.workflows.view.PoolViewImpl;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.Set;

/**
 * Everything a worker on {@code pool-recovery} registers: every workflow implementation and every
 * activity implementation, and the worker factory's options ({@link #factoryOptions}). The worker
 * process, the embedded dev stack and the tests all call {@link #register}, so they run exactly the
 * same code.
 */
public final class PoolRescueRegistrations {
  private PoolRescueRegistrations() {}

  /** Every workflow implementation; the audit replays histories against exactly these. */
  public static final List<Class<?>> WORKFLOW_TYPES = List.of(
      MemberFailureRecoveryImpl.class,
      MasterFailureRecoveryImpl.class,
      PoolRestoreImpl.class,
      PoolBackupImpl.class,
      HostConfigRestoreImpl.class,
      VmMetadataImportImpl.class,
      VmBatchWorkflowImpl.class,
      PoolLockImpl.class,
      PoolViewImpl.class);

  /** The procedures' workflow types: the names a worker's approval policy may give rules for. */
  public static final Set<String> PROCEDURES = Set.of(
      MemberFailureRecovery.class.getSimpleName(),
      MasterFailureRecovery.class.getSimpleName(),
      PoolRestore.class.getSimpleName(),
      HostConfigRestore.class.getSimpleName(),
      VmMetadataImport.class.getSimpleName());

  public static List<Class<?>> workflowTypes() {
    return WORKFLOW_TYPES;
  }

  public static List<Object> activities(ActivityDependencies dependencies) {
    return ActivityImplementations.create(dependencies);
  }

  /**
   * The options of the factory whose workers {@link #register} fills: every activity beats from a
   * side thread while it runs ({@link SideBeats}), which the short heartbeat timeouts of
   * {@code ActivityStubs} rely on.
   */
  public static WorkerFactoryOptions factoryOptions(WorkerInterceptor... more) {
    WorkerInterceptor[] all = new WorkerInterceptor[more.length + 1];
    all[0] = new SideBeats();
    System.arraycopy(more, 0, all, 1, more.length);
    return WorkerFactoryOptions.newBuilder().setWorkerInterceptors(all).build();
  }

  public static void register(Worker worker, ActivityDependencies dependencies) {
    worker.registerWorkflowImplementationTypes(workflowTypes().toArray(new Class<?>[0]));
    worker.registerActivitiesImplementations(activities(dependencies).toArray());
  }

  /**
   * A worker of {@code site}: on the shared queue every workflow and the activities that touch no pool
   * ({@link ActivityImplementations#SITE_INDEPENDENT}), on {@code pool-recovery.<site>} the pool and BMC
   * activities, which only this site's workers reach. Without a site, one worker on the shared queue
   * with everything ({@link #register}). Returns the workers created (shared first).
   */
  public static List<Worker> register(WorkerFactory factory, String site, WorkerOptions options,
      ActivityDependencies dependencies) {
    Worker shared = factory.newWorker(TaskQueues.POOL_RECOVERY, options);
    if (site == null) {
      register(shared, dependencies);
      return List.of(shared);
    }
    shared.registerWorkflowImplementationTypes(workflowTypes().toArray(new Class<?>[0]));
    shared.registerActivitiesImplementations(ActivityImplementations.siteIndependent(dependencies).toArray());
    Worker local = factory.newWorker(TaskQueues.ofSite(site), options);
    local.registerActivitiesImplementations(ActivityImplementations.siteBound(dependencies).toArray());
    return List.of(shared, local);
  }
}
