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
 * Every activity stub a procedure uses, with its options next to it; one per workflow instance and
 * behaviour version (creating a stub adds no workflow command). The constants are the options of runs
 * before {@link Versions#FAULTS}, kept exactly so that recorded runs replay; from that version
 * on each also has a heartbeat timeout of {@link #LOST_WORKER} ({@link #forVersion}). The stubs of
 * calls that touch a pool or a BMC are on the task queue of the run's site where it has one
 * ({@link #forRun}). Transient failures (a host not answering, an agent restarting) are retried with
 * backoff; XAPI refusals arrive as
 * non-retryable failures typed with their code, so no {@code doNotRetry} list is needed.
 */
public final class ActivityStubs {

  /**
   * How long a transfer may go without a heartbeat before Temporal takes its worker for lost (before
   * {@link Versions#FAULTS}).
   */
  public static final Duration TRANSFER_HEARTBEAT = Duration.ofSeconds(15);

  /**
   * From {@link Versions#FAULTS}: how long any activity may go without a heartbeat before
   * Temporal takes its worker for lost and schedules the retry (after the retry's backoff, 2 s for
   * pool calls). Every activity beats once a second while it runs ({@code SideBeats} in the activities
   * module), of which the SDK sends at most one every 8 s (0.8 × this): a live worker has 2 s of slack,
   * a killed one is noticed within 10 s of its last beat that arrived.
   */
  public static final Duration LOST_WORKER = Duration.ofSeconds(10);

  /**
   * From {@link Versions#FAULTS}, the retries of everything that used {@link #CALLS}' retries: the
   * same five minutes or so, but never more than 4 s between two attempts, so that an attempt lost
   * with its worker (which counts as a failed attempt) is retried within the heartbeat timeout plus
   * at most 4 s, however many attempts failed before it.
   */
  public static final RetryOptions QUICK_RETRIES = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setBackoffCoefficient(2.0)
      .setMaximumInterval(Duration.ofSeconds(4))
      .setMaximumAttempts(80)
      .build();

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
   * minutes, so the bound is generous, and a side thread beats while it runs ({@code SideBeats}), so
   * that a lost worker is noticed within {@link #TRANSFER_HEARTBEAT} rather than at the bound.
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

  private final int version;
  /** The run's site (which a standby move may change), or null: everything on the shared queue. */
  private final SiteRouting routing;
  private final SiteWaits waits;

  // no pool, no BMC: on the shared queue, for any worker
  public final RequestScopeActivities scope;
  /**
   * Notifications keep their options in every version: the gate holds this stub from before the
   * run's version is known.
   */
  public final NotificationActivities notify = Workflow.newActivityStub(NotificationActivities.class, NOTIFY);
  public final PolicyActivities policy;
  /** The per-pool lock (signal-with-start, describe): calls to Temporal itself, retried like pool calls. */
  public final LockActivities lock;

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

  /**
   * The stubs of a run at behaviour {@code version} ({@link Versions}), every one on the shared queue:
   * a run without a site, or of a version before {@link Versions#SITES}.
   */
  public ActivityStubs(int version) {
    this(version, null, null);
  }

  private ActivityStubs(int version, SiteRouting routing, SiteWaits waits) {
    this.version = version;
    this.routing = routing;
    this.waits = waits;
    scope = shared(RequestScopeActivities.class, SCOPE);
    policy = shared(PolicyActivities.class, CALLS);
    lock = shared(LockActivities.class, CALLS);
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
   *
   * @param move asks to move the run to the route's standby site when its site takes no call; null: the
   *     run does not move
   */
  static ActivityStubs forRun(int version, SiteRoute route, RunStatusRecorder status, StandbyMove move) {
    return version >= Versions.SITES ? on(version, route, status, move) : new ActivityStubs(version);
  }

  /** The stubs for a route already decided (a child batch's, from its request); null: the shared queue. */
  public static ActivityStubs on(int version, SiteRoute route, RunStatusRecorder status) {
    return on(version, route, status, null);
  }

  private static ActivityStubs on(int version, SiteRoute route, RunStatusRecorder status, StandbyMove move) {
    return route == null || route.site() == null ? new ActivityStubs(version)
        : new ActivityStubs(version, new SiteRouting(route, move), new SiteWaitStatus(status));
  }

  /** The behaviour version these stubs were made for; a child workflow's request carries it on. */
  public int version() {
    return version;
  }

  /**
   * Where this run's pool calls go now (null: the shared queue), for its child batches and
   * continuations: after a move, the standby site's.
   */
  public SiteRoute route() {
    return routing == null ? null : routing.current();
  }

  /**
   * {@code options} as a run at {@code version} uses them: unchanged before {@link Versions#FAULTS},
   * from it with the heartbeat timeout {@link #LOST_WORKER} and, where they retried as pool calls do,
   * {@link #QUICK_RETRIES}.
   */
  public static ActivityOptions forVersion(ActivityOptions options, int version) {
    if (version < Versions.FAULTS) {
      return options;
    }
    ActivityOptions.Builder quick = ActivityOptions.newBuilder(options).setHeartbeatTimeout(LOST_WORKER);
    if (CALLS.getRetryOptions().equals(options.getRetryOptions())) {
      quick.setRetryOptions(QUICK_RETRIES);
    }
    return quick.build();
  }

  private <T> T shared(Class<T> type, ActivityOptions options) {
    return Workflow.newActivityStub(type, forVersion(options, version));
  }

  private <T> T onSite(Class<T> type, ActivityOptions options) {
    ActivityOptions ofVersion = forVersion(options, version);
    if (routing == null) {
      return Workflow.newActivityStub(type, ofVersion);
    }
    return SiteBoundCalls.stub(type, ofVersion, routing, waits);
  }

  /** The pool restore's waits (for the rebooted master, for joined hosts), bounded by {@code within}. */
  public PoolRestoreActivities poolRestoreWaitingFor(Duration within) {
    return onSite(PoolRestoreActivities.class, waitingFor(within));
  }

  public HostRestoreActivities hostRestoreWaitingFor(Duration within) {
    return onSite(HostRestoreActivities.class, waitingFor(within));
  }
}
