package io.poolrescue.workflows.api;

import java.time.Duration;

/**
 * Where a run's pool and BMC calls go: the task queue of its pool's site, and how long a call may
 * wait there for a worker before the run says none is there. Decided once at the run's start (from
 * the scope it recorded) and handed to its child batches and continuations; a run may move it once,
 * to the standby site, behind a gate.
 *
 * @param site the inventory's site of the pool
 * @param workerWait the bound on a call's wait for a worker of the site
 * @param standby the pool's standby site the run may be moved to, behind a gate, when no worker of
 *     {@code site} takes its calls: set only when the inventory names one and the run's policy allows
 *     the move; null otherwise (and in routes recorded before standby sites)
 */
public record SiteRoute(String site, Duration workerWait, String standby) {

  /** A route without a standby site. */
  public SiteRoute(String site, Duration workerWait) {
    this(site, workerWait, null);
  }

  /** The site's task queue. */
  public String queue() {
    return TaskQueues.ofSite(site);
  }

  /** The route once the run has moved to its standby site: from there it moves no further. */
  public SiteRoute atStandby() {
    return new SiteRoute(standby, workerWait, null);
  }
}
