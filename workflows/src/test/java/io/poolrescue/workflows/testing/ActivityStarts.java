package io.poolrescue.workflows.testing;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every activity attempt a worker starts (a worker interceptor), for tests that time a takeover. */
public final class ActivityStarts extends WorkerInterceptorBase {
  /** One attempt as the worker started it. */
  public record Start(String activityType, int attempt, Instant at, ActivityInfo info) {}

  private final List<Start> starts = new CopyOnWriteArrayList<>();

  public List<Start> all() {
    return List.copyOf(starts);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public void init(ActivityExecutionContext context) {
        ActivityInfo info = context.getInfo();
        starts.add(new Start(info.getActivityType(), info.getAttempt(), Instant.now(), info));
        super.init(context);
      }
    };
  }
}
