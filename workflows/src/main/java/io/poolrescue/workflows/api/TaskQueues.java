package io.poolrescue.workflows.api;

/** Task queue names shared by workers and starters. */
public final class TaskQueues {
  private TaskQueues() {}

  /**
   * Every procedure runs here, and the activities that touch no pool (the scope check, the policy, the
   * pool lock, notifications); in a setup without sites, every activity too.
   */
  public static final String POOL_RECOVERY = "pool-recovery";

  /**
   * The queue of one site's pool and BMC calls, polled only by that site's workers; with no site, the
   * shared queue.
   */
  public static String ofSite(String site) {
    return site == null ? POOL_RECOVERY : POOL_RECOVERY + "." + site;
  }
}
