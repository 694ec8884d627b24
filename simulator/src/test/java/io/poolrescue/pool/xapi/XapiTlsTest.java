package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.xapi.PinnedCertificateTrustManager;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.xapi.WireFixture;
import io.poolrescue.simulator.xapi.XapiServerOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS with the self-signed test certificate: pinned it is trusted, anything else is refused. */
class XapiTlsTest {
  /** The fingerprint printed by keytool for tls/xapi-test.p12 (see its README). */
  private static final String DOCUMENTED_PIN =
      "D9:7C:2C:3E:CA:44:2A:CD:FA:F9:0F:4E:FA:50:C5:44:58:20:28:C0:B0:41:B2:B3:02:35:72:64:B8:A9:AA:B8";
  private static final char[] STORE_PASSWORD = "poolrescue-test".toCharArray();

  private static Path keystore;
  private static WireFixture f;

  @BeforeAll
  static void start() throws Exception {
    keystore = Path.of(XapiTlsTest.class.getResource("/tls/xapi-test.p12").toURI());
    f = new WireFixture(SimulatedPool.preset("small"),
        XapiServerOptions.defaults().withTls(keystore, STORE_PASSWORD));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static String fingerprintOfKeystore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, STORE_PASSWORD);
    }
    X509Certificate cert = (X509Certificate) store.getCertificate("xapi-sim");
    return PinnedCertificateTrustManager.sha256(cert);
  }

  @Test
  void theDocumentedPinIsTheCertificatesFingerprint() throws Exception {
    assertEquals(XapiClientConfig.normaliseFingerprint(DOCUMENTED_PIN), fingerprintOfKeystore());
    HexFormat.of().parseHex(fingerprintOfKeystore());
  }

  @Test
  void aGoodPinIsTrustedAndRedirectsKeepHttps() {
    assertEquals("https", f.server.scheme());
    XapiConnector pinned = new XapiConnector(f.config().pinnedSha256(DOCUMENTED_PIN).build());
    try (XapiClient member = pinned.connect("127.0.10.2")) {
      assertEquals(3, member.snapshot().hosts().size());
      assertEquals(new HostProbe.Slave("127.0.10.2", "127.0.10.1"), member.probe());
    }
  }

  @Test
  void aWrongPinIsRefusedAndTheHostIsUnidentifiedNotUnreachable() {
    String wrong = "00" + XapiClientConfig.normaliseFingerprint(DOCUMENTED_PIN).substring(2);
    XapiConnector pinned = new XapiConnector(f.config().pinnedSha256(wrong).build());
    try (XapiClient client = pinned.connect("127.0.10.1")) {
      PoolUnreachableException e = assertThrows(PoolUnreachableException.class, client::snapshot);
      assertTrue(hasCause(e, SSLHandshakeException.class), "a TLS failure: " + e);
      assertInstanceOf(HostProbe.Unidentified.class, client.probe(), "it accepted the connection: it is up");
    }
  }

  @Test
  void withoutAPinTheJdkTrustStoreRefusesASelfSignedPool() {
    XapiConnector unpinned = new XapiConnector(f.config().build());
    try (XapiClient client = unpinned.connect("127.0.10.1")) {
      PoolUnreachableException e = assertThrows(PoolUnreachableException.class, client::snapshot);
      assertTrue(hasCause(e, SSLHandshakeException.class), "a TLS failure: " + e);
    }
  }

  @Test
  void plainHttpToATlsServerIsUnreachable() {
    XapiConnector plain = new XapiConnector(f.config().scheme("http").build());
    try (XapiClient client = plain.connect("127.0.10.1")) {
      assertThrows(PoolUnreachableException.class, client::snapshot);
    }
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
