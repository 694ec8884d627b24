package io.poolrescue.signing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * allowed_signers timestamps: {@code YYYYMMDD}, {@code YYYYMMDDHHMM} or {@code YYYYMMDDHHMMSS},
 * optionally followed by {@code Z} (or {@code UTC}). ssh-keygen reads a time without Z in the local
 * time zone; here it is always UTC, because the check runs in workflow code that must give the same
 * answer on every worker. Write the Z and both agree.
 */
final class SshTimestamp {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("uuuuMMddHHmm").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  static Instant parse(String text) {
    String t = text;
    String upper = t.toUpperCase(Locale.ROOT);
    if (upper.endsWith("UTC")) {
      t = t.substring(0, t.length() - 3);
    } else if (upper.endsWith("Z")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("'" + text + "' is not a time as YYYYMMDD[HHMM[SS]][Z]");
    }
    try {
      return switch (t.length()) {
        case 8 -> LocalDate.parse(t, DATE).atStartOfDay().toInstant(ZoneOffset.UTC);
        case 12 -> LocalDateTime.parse(t, MINUTE).toInstant(ZoneOffset.UTC);
        case 14 -> LocalDateTime.parse(t, SECOND).toInstant(ZoneOffset.UTC);
        default -> throw new IllegalArgumentException("'" + text + "' is not a time as YYYYMMDD[HHMM[SS]][Z]");
      };
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid date or time", e);
    }
  }

  private SshTimestamp() {}
}
