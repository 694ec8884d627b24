package io.poolrescue.pool.fence;

import static io.poolrescue.pool.fence.RedfishTestSupport.OPTIONS;
import static io.poolrescue.pool.fence.RedfishTestSupport.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Redfish service over HTTPS with a self-signed certificate: trusted when pinned, refused otherwise. */
class RedfishTlsTest {
  /** The fingerprint in tls/README.md, as an operator copies it from keytool. */
  private static final String DOCUMENTED_PIN =
      "D0:DD:E3:C6:55:51:C1:11:3A:1C:E9:0D:B4:76:13:6F:FC:65:23:98:18:EC:BB:2C:E5:52:4C:63:D7:D8:3F:57";
  private static final char[] STORE_PASSWORD = "poolrescue-test".toCharArray();

  private static FakeRedfish bmc;
  private static KeyStore store;

  @BeforeAll
  static void start() throws Exception {
    store = KeyStore.getInstance("PKCS12");
    try (InputStream in = RedfishTlsTest.class.getResourceAsStream("/tls/bmc-test.p12")) {
      store.load(in, STORE_PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, STORE_PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    bmc = FakeRedfish.https(PASSWORD, tls);
    bmc.system("1", "SN-1", "On");
  }

  @AfterAll
  static void stop() {
    bmc.close();
  }

  private static BmcReading read(String pin) {
    return new RedfishAgent(RedfishTestSupport.target(bmc.url(), null, PASSWORD, pin), OPTIONS).powerState();
  }

  @Test
  void theDocumentedPinIsTheCertificatesFingerprint() throws Exception {
    byte[] der = store.getCertificate("bmc").getEncoded();
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    assertEquals(DOCUMENTED_PIN.replace(":", "").toLowerCase(java.util.Locale.ROOT), actual);
  }

  @Test
  void aPinnedCertificateIsTrusted() {
    assertTrue(bmc.url().startsWith("https://"));
    BmcReading r = read(DOCUMENTED_PIN);
    assertEquals(BmcPower.ON, r.power(), r.toString());
  }

  @Test
  void aWrongPinReadsUnknownWithoutSendingCredentials() {
    int before = bmc.requests.size();
    String wrong = "00" + DOCUMENTED_PIN.replace(":", "").substring(2);
    BmcReading r = read(wrong);
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().contains("certificate"), r.reason());
    assertEquals(before, bmc.requests.size(), "nothing reaches the server over an untrusted connection");
  }

  @Test
  void withoutPinTheJvmTrustStoreRefusesASelfSignedCertificate() {
    BmcReading r = read(null);
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().contains("certificate"), r.reason());
  }
}
