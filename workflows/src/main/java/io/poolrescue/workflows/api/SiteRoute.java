package io.poolrescue.workflows.api;

import java.time.Duration;

/**
 * Where a run's pool and BMC calls go: the task queue of its pool's site, and how long a call may
 * wait there for a worker before the run says none is there. Decided once at the run's start (from
 * the scope it recorded) and handed to its child batches and continuations.
 *
 * @param site the inventory's site of the pool
 * @param workerWait the bound on a call's wait for a worker of the site
 */
public record SiteRoute(String site, Duration workerWait) {

  /** The site's task queue. */
  public String queue() {
    return TaskQueues.ofSite(site);
  }
}
