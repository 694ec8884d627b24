package io.poolrescue.workflows.core;

import io.poolrescue.workflows.api.SiteRoute;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * An activity stub on a site's queue whose calls notice when no worker of the site takes them: each
 * call is scheduled with the route's bound as its schedule-to-start timeout; when it runs out (Temporal
 * does not retry that timeout) the run is told ({@link SiteWaits}) and the call is scheduled again,
 * each time waiting twice as long, up to {@link #LONGEST}. A call that was taken behaves exactly as
 * a plain stub's. Each scheduling reads the run's route ({@link SiteRouting}): a run moved to its
 * standby site schedules the untaken call there, with the bound starting afresh.
 *
 * <p>A timeout that carries heartbeat details is not scheduled again: an earlier attempt, on a worker
 * lost since, may have sent its one-shot call (its sent marker is in those details), and a fresh
 * call would not know; the run fails at that step instead.
 */
final class SiteBoundCalls implements InvocationHandler {
  /** The longest one wait before it is scheduled again: a site gone for days adds two events per period. */
  static final Duration LONGEST = Duration.ofMinutes(30);

  private final Class<?> type;
  private final ActivityOptions options;
  private final SiteRouting routing;
  private final SiteWaits waits;

  private SiteBoundCalls(Class<?> type, ActivityOptions options, SiteRouting routing, SiteWaits waits) {
    this.type = type;
    this.options = options;
    this.routing = routing;
    this.waits = waits;
  }

  /** @param options the stub's options; each call is put on the queue of the route of the moment */
  static <T> T stub(Class<T> type, ActivityOptions options, SiteRouting routing, SiteWaits waits) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new SiteBoundCalls(type, options, routing, waits)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(this, args);
    }
    SiteRoute route = routing.current();
    Duration wait = route.workerWait();
    SiteRoute waitingOn = null; // the route this call has told the run it waits on
    while (true) {
      Object stub = Workflow.newActivityStub(type, ActivityOptions.newBuilder(options)
          .setTaskQueue(route.queue()).setScheduleToStartTimeout(wait).build());
      try {
        Object result = method.invoke(stub, args);
        if (waitingOn != null) {
          waits.resumed(route);
        }
        return result;
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (!untaken(cause)) {
          if (waitingOn != null) {
            waits.resumed(route);
          }
          throw cause;
        }
        if (waitingOn == null) {
          waitingOn = route;
          waits.waiting(route);
        }
        SiteRoute next = routing.afterUntaken(route);
        if (!next.equals(route)) {
          waits.left(waitingOn); // the run moved: this call waits there afresh
          waitingOn = null;
          route = next;
          wait = next.workerWait();
          continue;
        }
        wait = wait.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : wait.multipliedBy(2);
      }
    }
  }

  /** No worker took the call within its bound, and no earlier attempt of it left a sent marker. */
  static boolean untaken(Throwable t) {
    return t instanceof ActivityFailure a && a.getCause() instanceof TimeoutFailure timeout
        && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START
        && (timeout.getLastHeartbeatDetails() == null || timeout.getLastHeartbeatDetails().getSize() == 0);
  }

  @Override
  public String toString() {
    return "SiteBoundCalls[" + type.getSimpleName() + " on " + routing.current().queue() + "]";
  }
}
