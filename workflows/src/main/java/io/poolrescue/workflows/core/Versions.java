package io.poolrescue.workflows.core;

import io.temporal.workflow.Workflow;

/**
 * The behaviour versions of the procedures. A run decides its version once, at the start of its
 * workflow method ({@link #decide}); steps, validators and handlers read the kept value, so a
 * recorded run replays down the branch it took.
 */
public final class Versions {
  private Versions() {}

  /** The one change id every procedure records. */
  static final String CHANGE_ID = "procedure";

  /** Before fencing: a person confirmed that a host was off. */
  public static final int ORIGINAL = Workflow.DEFAULT_VERSION;

  /** A host is off because its BMC says so (or two people attest it, and the run is UNFENCED). */
  public static final int FENCING = 1;

  /**
   * Names compared in one normalized form ({@link Names}), and {@code requestedBy} required by every
   * procedure: "alice " may no longer approve alice's run.
   */
  public static final int NAMES = 2;

  /**
   * Authority: the approval policy comes from the worker (recorded at run start), decisions and
   * starts are signed, request addresses must be in the worker's inventory, and one recovery per
   * pool runs at a time.
   */
  public static final int AUTHORITY = 3;

  /**
   * Readiness: a host that restarted its agent refuses connections, then stays disabled until its
   * PBDs are plugged; VMs are started only once the hosts are ready (or a bounded wait ran out).
   */
  public static final int READINESS = 4;

  /**
   * Long waits: REPAIR's wait for the repaired host continues as new every day of polling (the next
   * run inherits the wait's start, the pool lock and the authority), so a run can wait for months
   * under the server's history limit.
   */
  public static final int LONG_WAITS = 5;

  /**
   * Faults: every activity that talks to a pool or a BMC runs under a short heartbeat timeout
   * ({@link ActivityStubs#LOST_WORKER}), so a killed worker's attempt is retried elsewhere within
   * seconds rather than at its start-to-close bound; and a dangerous step refused with HOST_IS_LIVE
   * because the master marks the dead host live again (its agent restarted, and with it the host's
   * liveness timer) waits until the master declares it dead again, then is made once more under the
   * same approval.
   */
  public static final int FAULTS = 6;

  /**
   * Sites: the pool and BMC calls of a run go to the task queue of its pool's site (from the scope the
   * run recorded at its start), and a call no worker of that site takes within the worker's bound puts
   * "waiting for a worker of site X" in the status; runs before it use the shared queue throughout.
   */
  public static final int SITES = 7;

  /**
   * Scheduling per host: VM starts are placed before any is sent (by free memory and each host's start
   * slots) and each host is kept busy up to its slots, HA priority kept; {@code maxParallel} caps the
   * starts in flight in all instead of counting batches. Runs before it keep the global batch fan-out.
   */
  public static final int SCHEDULE = 8;

  /**
   * Standby sites: where the recorded policy allows it and the inventory names a standby site for the
   * pool, a call no worker of the pool's site takes opens the gate {@code move-to-standby-site}; once
   * approved, the run's pool and BMC calls go to the standby site's queue. Earlier runs never move.
   */
  public static final int STANDBY = 9;

  /**
   * A host-restore upload whose outcome cannot be known (its task is gone) asks the upload gate again,
   * saying so, before it is sent anew; earlier runs end FAILED at that step.
   */
  public static final int UPLOAD_RESEND = 10;

  /**
   * The pool's pace: a VM of a higher HA tier that waits only for its start order (not for a place)
   * keeps its place on its host but no longer holds the lower tiers back, nor the VMs queued behind
   * it on its host (earlier runs send a lower tier only once every VM of the higher tiers is sent); a
   * schedule too large for one child goes to children by hosts with all their tiers, not tier by
   * tier; a pool restore joins its hosts one after another without waiting for each to come back.
   */
  public static final int POOL_PACE = 11;

  /**
   * Browser signing: a start or a decision may be signed by a WebAuthn assertion of a credential the
   * worker's policy lists (the console's), and a credential's signature counter must grow within a
   * run; earlier runs refuse an assertion as unsigned-looking input they do not know.
   */
  public static final int BROWSER_SIGNING = 12;

  /**
   * Rolling starts: when some hosts still settle after an agent restart (a promotion and
   * {@code recover_slaves}, a join, a restore), VM starts begin at once on the hosts that are ready
   * and spread to the others as they come up, instead of waiting until every host is ready; a VM
   * gets its place only once its start order has come. Earlier runs wait for every host first.
   */
  public static final int ROLLING_STARTS = 13;

  public static final int CURRENT = ROLLING_STARTS;

  /** The run's behaviour version: every workflow's first command, called once at the start of its method. */
  public static int decide() {
    return Workflow.getVersion(CHANGE_ID, ORIGINAL, CURRENT);
  }
}
