package io.poolrescue.pool.xapi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * XAPI's {@code datetime} on the wire: ISO 8601 basic form in UTC, {@code 20260101T00:00:00Z}.
 * XAPI itself sends whole seconds; a fraction is written only when the instant has one (the
 * simulator's clock can), and parsing accepts both that and the extended ISO forms.
 */
public final class XapiDateTime {
  private XapiDateTime() {}

  /** What XAPI sends for a datetime that was never set. */
  public static final Instant NEVER = Instant.EPOCH;

  private static final DateTimeFormatter BASIC =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyyMMdd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendLiteral('Z')
          .optionalEnd()
          .toFormatter();

  private static final DateTimeFormatter WRITE =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyyMMdd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .appendLiteral('Z')
          .toFormatter();

  public static String format(Instant instant) {
    return WRITE.format(LocalDateTime.ofInstant(instant == null ? NEVER : instant, ZoneOffset.UTC));
  }

  public static Instant parse(String text) {
    try {
      return LocalDateTime.parse(text, BASIC).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException basicFailed) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an XAPI datetime: " + text, e);
      }
    }
  }
}
