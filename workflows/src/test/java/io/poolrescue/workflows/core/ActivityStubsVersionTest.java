package io.poolrescue.workflows.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityOptions;
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

  @Test
  void fromQuickNoticeEveryPoolOrBmcActivityHasTheShortHeartbeatTimeoutAndNothingElseChanges() {
    KINDS.forEach((kind, options) -> {
      ActivityOptions quick = ActivityStubs.forVersion(options, Versions.FAULTS);
      assertEquals(ActivityStubs.LOST_WORKER, quick.getHeartbeatTimeout(), kind);
      assertEquals(options.getStartToCloseTimeout(), quick.getStartToCloseTimeout(), kind);
      assertEquals(options.getScheduleToCloseTimeout(), quick.getScheduleToCloseTimeout(), kind);
      assertEquals(options.getRetryOptions(), quick.getRetryOptions(), kind);
    });
    assertTrue(Versions.CURRENT >= Versions.FAULTS, "today's runs notice a lost worker quickly");
  }
}
