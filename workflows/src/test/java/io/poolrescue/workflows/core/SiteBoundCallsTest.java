package io.poolrescue.workflows.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.failure.v1.ActivityFailureInfo;
import io.temporal.api.failure.v1.ApplicationFailureInfo;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.failure.v1.TimeoutFailureInfo;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

/**
 * Which failed calls are scheduled again for a worker of the site, and which end the step: failures
 * as the SDK decodes them from the server's history events.
 */
class SiteBoundCallsTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

  private static Throwable activityFailed(Failure cause) {
    return CONVERTER.failureToException(Failure.newBuilder().setMessage("activity failed")
        .setActivityFailureInfo(ActivityFailureInfo.newBuilder()
            .setActivityType(ActivityType.newBuilder().setName("InspectProbe"))
            .setRetryState(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE))
        .setCause(cause).build());
  }

  private static Failure timeout(TimeoutType type, Long heartbeat) {
    TimeoutFailureInfo.Builder info = TimeoutFailureInfo.newBuilder().setTimeoutType(type);
    if (heartbeat != null) {
      info.setLastHeartbeatDetails(CONVERTER.toPayloads(heartbeat).orElseThrow());
    }
    return Failure.newBuilder().setMessage("activity " + type + " timeout").setTimeoutFailureInfo(info).build();
  }

  @Test
  void aCallNoWorkerTookIsScheduledAgain() {
    assertTrue(SiteBoundCalls.untaken(activityFailed(timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, null))));
  }

  @Test
  void aCallWhoseEarlierAttemptLeftASentMarkerIsNot() {
    assertFalse(SiteBoundCalls.untaken(activityFailed(timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START,
        1_767_225_600_000L))));
  }

  @Test
  void otherFailuresAreTheCallsOwn() {
    assertFalse(SiteBoundCalls.untaken(activityFailed(timeout(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE, null))));
    assertFalse(SiteBoundCalls.untaken(activityFailed(Failure.newBuilder().setMessage("refused")
        .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("HOST_IS_LIVE")).build())));
    assertFalse(SiteBoundCalls.untaken(CONVERTER.failureToException(
        timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, null))), "not an activity's failure");
  }
}
