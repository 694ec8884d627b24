package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class XapiClientConfigTest {
  private static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

  @Test
  void fromUrlKeepsSchemeAndPort() {
    XapiClientConfig c = XapiClientConfig.fromUrl("http://127.0.10.1:8080").credentials("env:X").build();
    assertEquals("http", c.scheme());
    assertEquals(8080, c.port());
    assertEquals("http://127.0.10.2:8080", c.baseUri("127.0.10.2").toString());
    XapiClientConfig https = XapiClientConfig.fromUrl("10.0.0.1").credentials("env:X").build();
    assertEquals("https", https.scheme());
    assertEquals(443, https.port());
    assertEquals("https://[fe80::1]:443", https.baseUri("fe80::1").toString());
  }

  @Test
  void fingerprintsAreNormalised() {
    XapiClientConfig c = XapiClientConfig.builder().credentials("env:X").pinnedSha256(FP).build();
    assertEquals(FP.replace(":", "").toLowerCase(), c.pinnedSha256());
    assertNull(XapiClientConfig.builder().credentials("env:X").pinnedSha256(" ").build().pinnedSha256());
  }

  @Test
  void badValuesAreRefusedClearly() {
    assertThrows(IllegalArgumentException.class,
        () -> XapiClientConfig.builder().credentials("env:X").pinnedSha256("abcd").build());
    assertThrows(IllegalArgumentException.class,
        () -> XapiClientConfig.builder().credentials("env:X").pinnedSha256("zz" + "0".repeat(62)).build());
    assertThrows(IllegalArgumentException.class,
        () -> XapiClientConfig.builder().credentials("env:X").scheme("ftp").build());
    assertThrows(IllegalArgumentException.class,
        () -> XapiClientConfig.builder().credentials("env:X").port(0).build());
    assertThrows(IllegalArgumentException.class,
        () -> XapiClientConfig.builder().credentials("env:X").readTimeout(Duration.ZERO).build());
    assertThrows(NullPointerException.class, () -> XapiClientConfig.builder().build());
  }
}
