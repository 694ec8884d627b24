package io.poolrescue.workflows;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.ActivityImplementations;
import io.poolrescue.workflows.backup.PoolBackupImpl;
import io.poolrescue.workflows.fanout.VmBatchWorkflowImpl;
import io.poolrescue.workflows.hostconfig.HostConfigRestoreImpl;
import io.poolrescue.workflows.lock.PoolLockImpl;
import io.poolrescue.workflows.master.MasterFailureRecoveryImpl;
import io.poolrescue.workflows.member.MemberFailureRecoveryImpl;
import io.poolrescue.workflows.metadata.VmMetadataImportImpl;
import io.poolrescue.workflows.restore.PoolRestoreImpl;
import io.temporal.worker.Worker;
import java.util.List;

/**
 * Everything a worker on {@code pool-recovery} registers: every workflow implementation and every
 * activity implementation. The worker process, the embedded dev stack and the tests all call
 * {@link #register}, so they run exactly the same code.
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
      PoolLockImpl.class);

  public static List<Class<?>> workflowTypes() {
    return WORKFLOW_TYPES;
  }

  public static List<Object> activities(ActivityDependencies dependencies) {
    return ActivityImplementations.create(dependencies);
  }

  public static void register(Worker worker, ActivityDependencies dependencies) {
    worker.registerWorkflowImplementationTypes(workflowTypes().toArray(new Class<?>[0]));
    worker.registerActivitiesImplementations(activities(dependencies).toArray());
  }
}
