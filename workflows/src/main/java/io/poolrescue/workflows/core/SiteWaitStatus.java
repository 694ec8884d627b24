package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.SiteRoute;
import io.temporal.workflow.Workflow;

/**
 * Puts "waiting for a worker of site X" in the run's status while any of its calls (several run at
 * once in a fan-out) is untaken, with a warning when the wait begins and one when it ends, so the
 * audit shows how long the site was missing.
 */
final class SiteWaitStatus implements SiteWaits {
  private final RunStatusRecorder status;
  private int untaken;
  private long since;

  SiteWaitStatus(RunStatusRecorder status) {
    this.status = status;
  }

  static String reason(SiteRoute route) {
    return "waiting for a worker of site " + route.site() + ": no worker took a call on task queue " + route.queue()
        + " within " + route.workerWait().toSeconds() + "s";
  }

  @Override
  public void waiting(SiteRoute route) {
    if (untaken++ == 0) {
      since = Workflow.currentTimeMillis();
      status.siteWait(reason(route));
      status.warn(reason(route) + "; the call waits for one (start a worker with --site " + route.site() + ")");
    }
  }

  @Override
  public void left(SiteRoute route) {
    lastCallTaken();
  }

  @Override
  public void resumed(SiteRoute route) {
    if (lastCallTaken()) {
      long seconds = (Workflow.currentTimeMillis() - since) / 1000;
      status.warn("a worker of site " + route.site() + " took the run's calls again after " + seconds + "s");
    }
  }

  /** One waiting call waits no longer; true (and the phase cleared) when it was the last. */
  private boolean lastCallTaken() {
    if (untaken > 0 && --untaken == 0) {
      status.siteWait(null);
      return true;
    }
    return false;
  }
}
