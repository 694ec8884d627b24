package io.poolrescue.activities.observe;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * A worker interceptor that shows each activity attempt this worker executes to a {@link Listener}:
 * what it is and where it came from, its arguments, and how it ended. It changes nothing.
 */
public final class ActivityObserver extends WorkerInterceptorBase {

  /** Told about every attempt once it ended. */
  public interface Listener {
    /** @param failure what the attempt threw; null when it completed */
    void ended(ActivityInfo info, Object[] args, RuntimeException failure);
  }

  private final Listener listener;

  public ActivityObserver(Listener listener) {
    this.listener = listener;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityOutput output;
        try {
          output = super.execute(input);
        } catch (RuntimeException e) {
          listener.ended(info, input.getArguments(), e);
          throw e;
        }
        listener.ended(info, input.getArguments(), null);
        return output;
      }
    };
  }
}
