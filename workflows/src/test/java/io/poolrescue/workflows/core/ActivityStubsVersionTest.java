package io.poolrescue.workflows.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs recorded before {@link Versions#FAULTS} keep the options they were recorded with; later
 * runs notice a lost worker in seconds.
 */
class ActivityStubsVersionTest {
  private static final Map<String, ActivityOptions> KINDS = Map.of(
      "calls", ActivityStubs.CALLS,
      "bulk", ActivityStubs.BULK,
      "transfers", ActivityStubs.TRANSFERS,
      "backup", ActivityStubs.BACKUP,
      "fence", ActivityStubs.FENCE,
      "scope", ActivityStubs.SCOPE,
      "waits", ActivityStubs.waitingFor(Duration.ofMinutes(10)));

  @Test
  void olderRunsKeepTodaysOptionsExactly() {
    for (int v = Versions.ORIGINAL; v < Versions.FAULTS; v++) {
      int version = v;
      KINDS.forEach((kind, options) -> assertSame(options, ActivityStubs.forVersion(options, version), kind));
    }
    assertNull(ActivityStubs.CALLS.getHeartbeatTimeout(), "pool calls had no heartbeat timeout");
    assertEquals(Duration.ofMinutes(1), ActivityStubs.BULK.getHeartbeatTimeout());
    assertEquals(Duration.ofMinutes(1), ActivityStubs.FENCE.getHeartbeatTimeout());
    assertEquals(ActivityStubs.TRANSFER_HEARTBEAT, ActivityStubs.TRANSFERS.getHeartbeatTimeout());
  }

  /** The kinds that retry as single pool calls do (the others keep their own retries). */
  private static final java.util.Set<String> RETRY_AS_CALLS = java.util.Set.of("calls", "bulk", "transfers", "fence");

  @Test
  void fromFaultsEveryPoolOrBmcActivityHasTheShortHeartbeatTimeoutAndPoolCallRetriesAtMostFourSecondsApart() {
    KINDS.forEach((kind, options) -> {
      ActivityOptions quick = ActivityStubs.forVersion(options, Versions.FAULTS);
      assertEquals(ActivityStubs.LOST_WORKER, quick.getHeartbeatTimeout(), kind);
      assertEquals(options.getStartToCloseTimeout(), quick.getStartToCloseTimeout(), kind);
      assertEquals(options.getScheduleToCloseTimeout(), quick.getScheduleToCloseTimeout(), kind);
      assertEquals(RETRY_AS_CALLS.contains(kind) ? ActivityStubs.QUICK_RETRIES : options.getRetryOptions(),
          quick.getRetryOptions(), kind);
    });
    RetryOptions r = ActivityStubs.QUICK_RETRIES;
    assertEquals(Duration.ofSeconds(4), r.getMaximumInterval());
    // about the five minutes the older retries gave a host to come back
    long window = 1 + 2 + 4L * (r.getMaximumAttempts() - 3);
    assertTrue(window >= 300 && window <= 360, window + " s");
    assertTrue(Versions.CURRENT >= Versions.FAULTS, "today's runs notice a lost worker quickly");
  }
}
