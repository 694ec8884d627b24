package io.poolrescue.audit.render;

import java.time.Duration;
import java.time.Instant;

/** Short human durations: 340ms, 12s, 4m05s, 2h03m, 3d04h. */
final class Durations {
  private Durations() {}

  static String between(Instant from, Instant to) {
    return from == null || to == null ? "" : format(Duration.between(from, to));
  }

  static String format(Duration d) {
    if (d == null) {
      return "";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86400, (s % 86400) / 3600);
  }

  /** Offset from the run's start, e.g. +4m05s, for timelines. */
  static String offset(Instant start, Instant at) {
    return start == null || at == null ? "" : "+" + format(Duration.between(start, at));
  }
}
