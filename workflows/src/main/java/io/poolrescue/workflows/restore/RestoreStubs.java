package io.poolrescue.workflows.restore;

import io.poolrescue.activities.restore.BackupStoreActivities;
import io.poolrescue.activities.restore.HostRestoreActivities;
import io.poolrescue.activities.restore.MetadataImportActivities;
import io.poolrescue.activities.restore.PbdRepairActivities;
import io.poolrescue.activities.restore.PoolRestoreActivities;
import io.poolrescue.workflows.core.RecoveryActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The stubs of the backup and restore activities, with their options next to them (the same
 * retry policies as {@link RecoveryActivities}). Create one per workflow instance.
 */
public final class RestoreStubs {

  /**
   * A wait expressed as an activity retried until the pool shows what is awaited (a rebooted master,
   * a joined host): every attempt fails with a retryable "not yet", only the last one lands in the
   * history, and {@code within} bounds the whole wait.
   */
  public static ActivityOptions waitingFor(Duration within) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(within)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(5))
            .setBackoffCoefficient(1.5)
            .setMaximumInterval(Duration.ofSeconds(30))
            .build())
        .build();
  }

  /** Backup rounds: a pool that is briefly unreachable is retried; a round that keeps failing is recorded and skipped. */
  static final ActivityOptions BACKUP = ActivityOptions.newBuilder(RecoveryActivities.BULK)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(5))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(5)
          .build())
      .build();

  public final BackupStoreActivities backups = Workflow.newActivityStub(BackupStoreActivities.class, BACKUP);
  public final PoolRestoreActivities pool = Workflow.newActivityStub(PoolRestoreActivities.class, RecoveryActivities.CALLS);
  public final PbdRepairActivities pbd = Workflow.newActivityStub(PbdRepairActivities.class, RecoveryActivities.CALLS);
  public final HostRestoreActivities host = Workflow.newActivityStub(HostRestoreActivities.class, RecoveryActivities.CALLS);
  public final MetadataImportActivities metadata =
      Workflow.newActivityStub(MetadataImportActivities.class, RecoveryActivities.BULK);

  /** The pool restore's waits (for the rebooted master, for joined hosts), bounded by {@code within}. */
  public PoolRestoreActivities poolWaitingFor(Duration within) {
    return Workflow.newActivityStub(PoolRestoreActivities.class, waitingFor(within));
  }

  public HostRestoreActivities hostWaitingFor(Duration within) {
    return Workflow.newActivityStub(HostRestoreActivities.class, waitingFor(within));
  }
}
