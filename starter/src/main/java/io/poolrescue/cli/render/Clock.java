package io.poolrescue.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times and durations are printed for people: local wall-clock time, short durations. */
public final class Clock {
  private Clock() {}

  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  public static String time(Instant t) {
    return t == null ? "-" : HMS.format(t);
  }

  public static String duration(Instant from, Instant to) {
    if (from == null || to == null) {
      return "";
    }
    return duration(Duration.between(from, to));
  }

  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format("%.1fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m" + String.format("%02ds", s % 60);
    }
    return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
  }
}
