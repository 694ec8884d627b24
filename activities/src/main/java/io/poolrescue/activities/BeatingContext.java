package io.poolrescue.activities;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import java.lang.reflect.Type;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One activity attempt's context as its code sees it ({@code Activity.getExecutionContext()}): it
 * remembers what the activity beat last, so that {@link SideBeats}' side thread repeats exactly that.
 * Until the attempt beats something of its own, the side thread repeats what the previous attempt
 * left, so a marker such as {@link SentMarker} survives an attempt that died before beating.
 */
final class BeatingContext extends ActivityExecutionContextBase {
  private static final Logger log = LoggerFactory.getLogger(BeatingContext.class);

  private final Object lock = new Object();
  /** True once the activity itself beat in this attempt; then {@link #latest} is what it beat. */
  private boolean own;
  private Object latest;
  private boolean inheritedRead;
  private Object inherited;
  private boolean stopped;

  BeatingContext(ActivityExecutionContext next) {
    super(next);
  }

  @Override
  public <V> void heartbeat(V details) throws ActivityCompletionException {
    // under the lock, so a side beat never sends older details after these
    synchronized (lock) {
      own = true;
      latest = details;
      super.heartbeat(details);
    }
  }

  /**
   * Beats {@code details} and makes sure they reach the server now: within the SDK's throttle
   * interval a beat only waits for the next send (up to 0.8 × the heartbeat timeout later), and a
   * worker killed meanwhile would take a marker written "before the call" with it. A failed direct
   * send is logged; the SDK's own send still follows.
   */
  <V> void heartbeatNow(V details) throws ActivityCompletionException {
    heartbeat(details);
    try {
      getWorkflowClient().newActivityCompletionClient().heartbeat(getTaskToken(), details);
    } catch (StatusRuntimeException e) {
      log.warn("heartbeat of activity {} not sent at once: {}", getInfo().getActivityId(), e.getStatus());
    }
  }

  @Override
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass) {
    return getHeartbeatDetails(detailsClass, detailsClass);
  }

  /** Until the attempt beats, what the previous attempt left (the SDK would answer with the side thread's beat). */
  @Override
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass, Type detailsGenericType) {
    synchronized (lock) {
      return own ? super.getHeartbeatDetails(detailsClass, detailsGenericType)
          : super.getLastHeartbeatDetails(detailsClass, detailsGenericType);
    }
  }

  /** The side thread's beat: repeats the latest details, until the attempt ended or the server stopped listening. */
  void beatAgain() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      try {
        super.heartbeat(own ? latest : inherited());
      } catch (ActivityCompletionException ended) {
        // cancelled, timed out, or the worker shuts down: the server no longer listens to this attempt
        stopped = true;
      }
    }
  }

  /** The attempt returned or threw: no beat after this returns. */
  void stop() {
    synchronized (lock) {
      stopped = true;
    }
  }

  /** The previous attempt's details as JSON, sent back unchanged (null on a first attempt). */
  private Object inherited() {
    if (!inheritedRead) {
      inheritedRead = true;
      try {
        inherited = super.getLastHeartbeatDetails(JsonNode.class).orElse(null);
      } catch (DataConverterException e) {
        log.warn("activity {}: the previous attempt's heartbeat details are not JSON; repeating none",
            getInfo().getActivityId());
      }
    }
    return inherited;
  }
}
