package io.poolrescue.workflows.core;

import io.poolrescue.activities.backupstore.BackupStoreActivities;
import io.poolrescue.activities.fence.FenceActivities;
import io.poolrescue.activities.ha.PoolHaActivities;
import io.poolrescue.activities.host.HostActivities;
import io.poolrescue.activities.hostrestore.HostRestoreActivities;
import io.poolrescue.activities.inspection.InspectionActivities;
import io.poolrescue.activities.lock.LockActivities;
import io.poolrescue.activities.master.MasterActivities;
import io.poolrescue.activities.metadata.MetadataImportActivities;
import io.poolrescue.activities.notify.NotificationActivities;
import io.poolrescue.activities.pbd.PbdRepairActivities;
import io.poolrescue.activities.policy.PolicyActivities;
import io.poolrescue.activities.poolrestore.PoolRestoreActivities;
import io.poolrescue.activities.scope.RequestScopeActivities;
import io.poolrescue.activities.storage.StorageActivities;
import io.poolrescue.activities.vm.VmActivities;
import io.poolrescue.workflows.api.SiteRoute;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Every activity stub a procedure uses, with its options next to it; one per workflow instance
 * (creating a stub adds no workflow command). The stubs of calls that touch a pool or a BMC are on
 * the task queue of the run's site where it has one ({@link #forRun}). Transient failures (a host
 * not answering, an agent restarting) are retried with backoff; XAPI refusals arrive as
 * non-retryable failures typed with their code, so no {@code doNotRetry} list is needed.
 */
public final class ActivityStubs {

  /** How long a transfer may go without a heartbeat before Temporal takes its worker for lost. */
  public static final Duration TRANSFER_HEARTBEAT = Duration.ofSeconds(15);

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

  /**
   * Transfers (a database restore, a host image upload, a backup round): one call may run for ten
   * minutes, so the bound is generous, and a side thread beats while it runs ({@code Heartbeats.during}),
   * so that a lost worker is noticed within {@link #TRANSFER_HEARTBEAT} rather than at the bound.
   */
  public static final ActivityOptions TRANSFERS = ActivityOptions.newBuilder(CALLS)
      .setStartToCloseTimeout(Duration.ofHours(1))
      .setHeartbeatTimeout(TRANSFER_HEARTBEAT)
      .build();

  /** Notifications are best effort: three tries, then the run goes on. */
  public static final ActivityOptions NOTIFY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
      .build();

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

  /** Backup rounds (transfers, see {@link #TRANSFERS}): a pool that is briefly unreachable is retried; a round that keeps failing is recorded and skipped. */
  static final ActivityOptions BACKUP = ActivityOptions.newBuilder(TRANSFERS)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(5))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(5)
          .build())
      .build();

  /**
   * BMC calls: a ForceOff waits up to two minutes for the BMC to report Off, heartbeating; a BMC
   * that does not answer is retried like a pool call.
   */
  static final ActivityOptions FENCE = ActivityOptions.newBuilder(CALLS)
      .setStartToCloseTimeout(Duration.ofMinutes(4))
      .setHeartbeatTimeout(Duration.ofMinutes(1))
      .build();

  /**
   * The run's first check against the worker's inventory: no pool call, so it answers at once; a
   * refusal is non-retryable, and a worker lost mid-call is retried a few times.
   */
  static final ActivityOptions SCOPE = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(10))
          .setMaximumAttempts(5)
          .build())
      .build();

  /** The run's site, or null: everything on the shared queue. */
  private final SiteRoute route;
  private final SiteWaits waits;

  // no pool, no BMC: on the shared queue, for any worker
  public final RequestScopeActivities scope = Workflow.newActivityStub(RequestScopeActivities.class, SCOPE);
  public final NotificationActivities notify = Workflow.newActivityStub(NotificationActivities.class, NOTIFY);
  public final PolicyActivities policy = Workflow.newActivityStub(PolicyActivities.class, CALLS);
  /** The per-pool lock (signal-with-start, describe): calls to Temporal itself, retried like pool calls. */
  public final LockActivities lock = Workflow.newActivityStub(LockActivities.class, CALLS);

  // the pool and its BMCs: on the site's queue
  public final InspectionActivities inspect;
  public final HostActivities host;
  public final VmActivities vm;
  public final StorageActivities storage;
  public final PoolHaActivities ha;
  public final MasterActivities master;
  public final FenceActivities fence;
  public final BackupStoreActivities backups;
  public final PoolRestoreActivities poolRestore;
  /** The database restore (dry run and real), under {@link #TRANSFERS}. */
  public final PoolRestoreActivities poolRestoreTransfer;
  public final PbdRepairActivities pbd;
  public final HostRestoreActivities hostRestore;
  /** The host image upload ({@code PUT /host_restore}), under {@link #TRANSFERS}. */
  public final HostRestoreActivities hostRestoreTransfer;
  public final MetadataImportActivities metadata;

  /** Every stub on the shared queue: a run without a site, or of a version before {@link Versions#SITES}. */
  public ActivityStubs() {
    this(null, null);
  }

  private ActivityStubs(SiteRoute route, SiteWaits waits) {
    this.route = route;
    this.waits = waits;
    inspect = onSite(InspectionActivities.class, CALLS);
    host = onSite(HostActivities.class, CALLS);
    vm = onSite(VmActivities.class, BULK);
    storage = onSite(StorageActivities.class, CALLS);
    ha = onSite(PoolHaActivities.class, CALLS);
    master = onSite(MasterActivities.class, CALLS);
    fence = onSite(FenceActivities.class, FENCE);
    backups = onSite(BackupStoreActivities.class, BACKUP);
    poolRestore = onSite(PoolRestoreActivities.class, CALLS);
    poolRestoreTransfer = onSite(PoolRestoreActivities.class, TRANSFERS);
    pbd = onSite(PbdRepairActivities.class, CALLS);
    hostRestore = onSite(HostRestoreActivities.class, CALLS);
    hostRestoreTransfer = onSite(HostRestoreActivities.class, TRANSFERS);
    metadata = onSite(MetadataImportActivities.class, BULK);
  }

  /**
   * The stubs of a run of {@code version}: from {@link Versions#SITES} on, with a route, the pool and BMC
   * calls go to the route's site and the run's {@code status} says when no worker there takes them;
   * otherwise every stub is on the shared queue, as before sites.
   */
  public static ActivityStubs forRun(int version, SiteRoute route, RunStatusRecorder status) {
    return version >= Versions.SITES ? on(route, status) : new ActivityStubs();
  }

  /** The stubs for a route already decided (a child batch's, from its request); null: the shared queue. */
  public static ActivityStubs on(SiteRoute route, RunStatusRecorder status) {
    return route == null || route.site() == null ? new ActivityStubs()
        : new ActivityStubs(route, new SiteWaitStatus(status));
  }

  /** Where this run's pool calls go (null: the shared queue), for its child batches and continuations. */
  public SiteRoute route() {
    return route;
  }

  private <T> T onSite(Class<T> type, ActivityOptions options) {
    if (route == null) {
      return Workflow.newActivityStub(type, options);
    }
    return SiteBoundCalls.stub(type, ActivityOptions.newBuilder(options).setTaskQueue(route.queue()).build(), route,
        waits);
  }

  /** The pool restore's waits (for the rebooted master, for joined hosts), bounded by {@code within}. */
  public PoolRestoreActivities poolRestoreWaitingFor(Duration within) {
    return onSite(PoolRestoreActivities.class, waitingFor(within));
  }

  public HostRestoreActivities hostRestoreWaitingFor(Duration within) {
    return onSite(HostRestoreActivities.class, waitingFor(within));
  }
}
