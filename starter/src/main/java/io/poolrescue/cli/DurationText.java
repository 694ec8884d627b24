package io.poolrescue.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations people type: {@code 90s}, {@code 15m}, {@code 4h}, {@code 2d} or ISO-8601 ({@code PT15M}). */
public final class DurationText {
  private DurationText() {}

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  public static Duration parse(String text) {
    String t = text.strip();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw CliFailure.badInput("not a duration: '" + text + "' (use e.g. 90s, 15m, 4h or PT15M)");
    }
  }
}
