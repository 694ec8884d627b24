package io.poolrescue.workflows.view;

import io.poolrescue.activities.scope.RequestScope;
import io.poolrescue.workflows.api.PoolPicture;
import io.poolrescue.workflows.api.PoolView;
import io.poolrescue.workflows.api.PoolViewRequest;
import io.poolrescue.workflows.api.SiteRoute;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * The pool page's look at a pool: the address is checked against the worker's inventory first (as
 * every run's is), then the master is read on the pool's site, like a run's pool calls.
 */
public final class PoolViewImpl implements PoolView {
  /** Failure type of a request without a pool address. */
  public static final String BAD_REQUEST = "BAD_REQUEST";

  @Override
  public PoolPicture look(PoolViewRequest request) {
    int version = Versions.decide();
    if (request == null || request.poolAddress() == null || request.poolAddress().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("PoolView needs {\"poolAddress\": ADDRESS}", BAD_REQUEST);
    }
    String address = request.poolAddress().strip();
    RequestScope scope = new ActivityStubs(version).scope.check(List.of(address));
    SiteRoute route = scope.site() == null ? null : new SiteRoute(scope.site(), scope.siteWorkerWait(), null);
    ActivityStubs acts = ActivityStubs.on(version, route, new RunStatusRecorder("PoolView", null));
    return new PoolPicture(acts.inspect.pool(address), acts.inspect.vms(address));
  }
}
