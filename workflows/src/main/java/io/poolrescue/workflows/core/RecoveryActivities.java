package io.poolrescue.workflows.core;

import io.poolrescue.activities.ha.PoolHaActivities;
import io.poolrescue.activities.host.HostActivities;
import io.poolrescue.activities.inspection.InspectionActivities;
import io.poolrescue.activities.master.MasterActivities;
import io.poolrescue.activities.notify.NotificationActivities;
import io.poolrescue.activities.storage.StorageActivities;
import io.poolrescue.activities.vm.VmActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Every activity stub a procedure uses, with its options next to it. Transient failures (a host
 * not answering, an agent restarting) are retried with backoff; XAPI refusals arrive as
 * non-retryable failures typed with their code, so no {@code doNotRetry} list is needed.
 */
public final class RecoveryActivities {

  /** Single pool calls: a few seconds each; retried for about five minutes. */
  public static final ActivityOptions CALLS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(60))
          .setMaximumAttempts(10)
          .build())
      .build();

  /** Batches of VM resets/starts, backups and restores: long, so they heartbeat and a stuck one is noticed in a minute. */
  public static final ActivityOptions BULK = ActivityOptions.newBuilder(CALLS)
      .setStartToCloseTimeout(Duration.ofMinutes(30))
      .setHeartbeatTimeout(Duration.ofMinutes(1))
      .build();

  /** Notifications are best effort: three tries, then the run goes on. */
  public static final ActivityOptions NOTIFY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
      .build();

  public final InspectionActivities inspect = Workflow.newActivityStub(InspectionActivities.class, CALLS);
  public final HostActivities host = Workflow.newActivityStub(HostActivities.class, CALLS);
  public final VmActivities vm = Workflow.newActivityStub(VmActivities.class, BULK);
  public final StorageActivities storage = Workflow.newActivityStub(StorageActivities.class, CALLS);
  public final PoolHaActivities ha = Workflow.newActivityStub(PoolHaActivities.class, CALLS);
  public final MasterActivities master = Workflow.newActivityStub(MasterActivities.class, CALLS);
  public final NotificationActivities notify = Workflow.newActivityStub(NotificationActivities.class, NOTIFY);
}
