package io.poolrescue.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The delays a real pool lives by (reference §1, §5, §7, §16). Defaults are XAPI's; {@link #demo()}
 * scales them down so that a recovery can be watched in real time.
 */
public record SimTimings(
    Duration heartbeatInterval,
    Duration hostAssumedDead,
    Duration gcInterval,
    Duration agentRestart,
    Duration dbRestoreReboot,
    Duration haTimeout,
    Duration replicaPushInterval,
    Duration hostBoot) {

  public SimTimings {
    List<Duration> all = List.of(heartbeatInterval, hostAssumedDead, gcInterval, agentRestart, dbRestoreReboot,
        haTimeout, replicaPushInterval, hostBoot);
    for (Duration d : all) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("timings must be present and not negative: " + all);
      }
    }
    for (Duration d : List.of(heartbeatInterval, gcInterval, replicaPushInterval)) {
      if (d.isZero()) {
        throw new IllegalArgumentException("periodic intervals must be positive: " + all);
      }
    }
  }

  public static SimTimings defaults() {
    return new SimTimings(Duration.ofSeconds(30), Duration.ofSeconds(600), Duration.ofSeconds(30),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300),
        Duration.ofSeconds(60));
  }

  public static SimTimings demo() {
    return new SimTimings(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(3));
  }
}
