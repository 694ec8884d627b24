package io.poolrescue.workflows.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import org.junit.jupiter.api.Test;

/** Which failed calls are scheduled again for a worker of the site, and which end the step. */
class SiteBoundCallsTest {

  private static ActivityFailure failed(Throwable cause) {
    return new ActivityFailure("activity failed", 5, 0, "InspectProbe", "1", RetryState.RETRY_STATE_TIMEOUT,
        "worker-lyon", cause);
  }

  @Test
  void aCallNoWorkerTookIsScheduledAgain() {
    assertTrue(SiteBoundCalls.untaken(failed(new TimeoutFailure("no worker", null,
        TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START))));
  }

  @Test
  void aCallWhoseEarlierAttemptLeftASentMarkerIsNot() {
    assertFalse(SiteBoundCalls.untaken(failed(new TimeoutFailure("no worker", 1_767_225_600_000L,
        TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START))));
  }

  @Test
  void otherFailuresAreTheCallsOwn() {
    assertFalse(SiteBoundCalls.untaken(failed(new TimeoutFailure("too long", null,
        TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE))));
    assertFalse(SiteBoundCalls.untaken(failed(ApplicationFailure.newNonRetryableFailure("refused", "HOST_IS_LIVE"))));
    assertFalse(SiteBoundCalls.untaken(new TimeoutFailure("no worker", null,
        TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START)));
  }
}
