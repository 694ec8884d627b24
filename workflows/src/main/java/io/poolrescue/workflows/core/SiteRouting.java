package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.SiteRoute;
import io.temporal.workflow.Workflow;

/**
 * The run's site route as its calls read it each time they are scheduled: the pool's site, or, once
 * a person approved it ({@link StandbyMove}), the pool's standby site. The move is asked at most once
 * per run, by the first call no worker of the site took; calls untaken meanwhile (a fan-out) wait
 * for that one decision.
 */
final class SiteRouting {
  private enum Move { NOT_ASKED, ASKING, MOVED, DECLINED }

  private SiteRoute current;
  /** Null: this run does not move (a child batch, a continued run, a route without a standby site). */
  private final StandbyMove move;
  private Move state = Move.NOT_ASKED;

  SiteRouting(SiteRoute route, StandbyMove move) {
    this.current = route;
    this.move = route.standby() == null ? null : move;
  }

  SiteRoute current() {
    return current;
  }

  /**
   * A call scheduled on {@code tried} found no worker: returns where to schedule it next, the
   * standby site's route once the move is approved, else {@code tried} (the call waits on).
   */
  SiteRoute afterUntaken(SiteRoute tried) {
    if (move == null || !tried.equals(current)) {
      return current;
    }
    if (state == Move.NOT_ASKED) {
      state = Move.ASKING;
      boolean approved = move.ask(tried);
      if (approved) {
        current = tried.atStandby();
      }
      state = approved ? Move.MOVED : Move.DECLINED;
    } else if (state == Move.ASKING) {
      Workflow.await(() -> state != Move.ASKING);
    }
    return current;
  }
}
