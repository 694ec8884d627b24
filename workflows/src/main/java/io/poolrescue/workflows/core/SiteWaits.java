package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.SiteRoute;

/** Told when a call of the run finds no worker of its site, and when the site's workers take calls again. */
public interface SiteWaits {

  /** A call went untaken for {@code route.workerWait()} or longer; it is scheduled again. */
  void waiting(SiteRoute route);

  /** A call that had waited was taken (it finished, or failed for a reason of its own). */
  void resumed(SiteRoute route);

  /** A call that had waited on {@code route} waits there no longer: the run moved to its standby site. */
  void left(SiteRoute route);
}
