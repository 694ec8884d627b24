package io.poolrescue.client.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --tls, --tls-ca, --tls-cert/--tls-key become the gRPC channel's TLS settings; bad files are clear errors. */
class TlsSettingsTest {
  @TempDir Path dir;

  /** A self-signed certificate and its key as PEM files, made with the JDK's keytool. */
  private Path[] pemPair() throws Exception {
    Path ks = dir.resolve("ks.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-alias", "t",
        "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=temporal.test", "-validity", "2").redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(ks.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
    Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
        + b64.encodeToString(store.getCertificate("t").getEncoded()) + "\n-----END CERTIFICATE-----\n");
    PrivateKey key = (PrivateKey) store.getKey("t", "changeit".toCharArray());
    Path keyFile = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return new Path[] {cert, keyFile};
  }

  private static WorkflowServiceStubsOptions options(TlsSettings tls) {
    return TemporalConnections.options(new TemporalTarget("temporal.test:7233", "default", tls), null);
  }

  @Test
  void offByDefault() {
    WorkflowServiceStubsOptions o = options(TlsSettings.off());
    assertFalse(o.getEnableHttps());
    assertNull(o.getSslContext());
  }

  @Test
  void systemTrustStoreWhenOnlyTls() {
    WorkflowServiceStubsOptions o = options(new TlsSettings(true, null, null, null, null));
    assertTrue(o.getEnableHttps());
    assertNull(o.getSslContext());
  }

  @Test
  void privateCaAndMutualTls() throws Exception {
    Path[] pem = pemPair();
    WorkflowServiceStubsOptions ca = options(new TlsSettings(false, pem[0], null, null, "temporal.test"));
    assertNotNull(ca.getSslContext(), "a CA file alone turns TLS on");
    assertTrue(ca.getSslContext().isClient());
    TlsSettings mutual = new TlsSettings(true, pem[0], pem[0], pem[1], null);
    assertTrue(mutual.mutual());
    assertNotNull(options(mutual).getSslContext());
  }

  @Test
  void badFilesAreClearErrors() throws Exception {
    assertEquals("mutual TLS needs both --tls-cert and --tls-key",
        assertThrows(IllegalArgumentException.class,
            () -> new TlsSettings(true, null, dir.resolve("c.pem"), null, null)).getMessage());
    RuntimeException missing = assertThrows(RuntimeException.class,
        () -> options(new TlsSettings(true, dir.resolve("nope.pem"), null, null, null)));
    assertTrue(missing.getMessage().contains("--tls-ca") && missing.getMessage().contains("nope.pem"), missing.getMessage());
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    RuntimeException bad = assertThrows(RuntimeException.class,
        () -> options(new TlsSettings(true, garbage, null, null, null)));
    assertTrue(bad.getMessage().contains("cannot build TLS context"), bad.getMessage());
  }
}
