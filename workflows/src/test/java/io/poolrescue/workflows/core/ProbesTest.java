package io.poolrescue.workflows.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolrescue.pool.HostProbe;
import org.junit.jupiter.api.Test;

/** Every kind of probe has words for people; none throws. */
class ProbesTest {
  private static final String AT = "127.0.10.2";

  @Test
  void everyKindIsDescribed() {
    assertEquals("answers as a pool master", Probes.describe(new HostProbe.Master(AT)));
    assertEquals("answers as a member of 127.0.10.1", Probes.describe(new HostProbe.Slave(AT, "127.0.10.1")));
    assertEquals("answers but refuses service: HOST_BROKEN", Probes.describe(new HostProbe.Unavailable(AT, "HOST_BROKEN")));
    assertEquals("answers, but not as an XAPI we can verify: HTTP 500",
        Probes.describe(new HostProbe.Unidentified(AT, "HTTP 500")));
    assertEquals("nothing answers (no TCP connection to port 443: refused)",
        Probes.describe(new HostProbe.Unreachable(AT, "no TCP connection to port 443: refused")));
  }
}
