package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class XapiDateTimeTest {
  @Test
  void writesXapiBasicFormat() {
    assertEquals("20260101T00:00:00Z", XapiDateTime.format(Instant.parse("2026-01-01T00:00:00Z")));
    assertEquals("20260101T00:10:30.25Z", XapiDateTime.format(Instant.parse("2026-01-01T00:10:30.250Z")));
    assertEquals("19700101T00:00:00Z", XapiDateTime.format(null));
  }

  @Test
  void readsBasicAndExtendedForms() {
    Instant t = Instant.parse("2026-03-04T05:06:07Z");
    assertEquals(t, XapiDateTime.parse("20260304T05:06:07Z"));
    assertEquals(t, XapiDateTime.parse("20260304T05:06:07"));
    assertEquals(t, XapiDateTime.parse("2026-03-04T05:06:07Z"));
    assertEquals(t, XapiDateTime.parse("2026-03-04T07:06:07+02:00"));
    Instant frac = Instant.parse("2026-01-01T00:10:30.250Z");
    assertEquals(frac, XapiDateTime.parse(XapiDateTime.format(frac)));
    assertThrows(IllegalArgumentException.class, () -> XapiDateTime.parse("yesterday"));
  }
}
