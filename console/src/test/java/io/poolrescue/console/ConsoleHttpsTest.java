package io.poolrescue.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.devstack.DevTemporalServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over HTTPS with a certificate of a private CA's kind (here self-signed by the JDK's
 * keytool), as a cluster serves it: a client that trusts the certificate gets the pages, one that
 * does not is refused at the handshake. Without a credentials file the console is read-only.
 */
class ConsoleHttpsTest {
  private static final String PASSWORD = "console-test-store";

  @TempDir Path dir;

  @Test
  void servesHttpsWithTheKeystoreAndIsReadOnlyWithoutCredentials() throws Exception {
    Path keystore = dir.resolve("console.p12");
    Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-keystore", keystore.toString(), "-storetype",
        "PKCS12", "-storepass", PASSWORD, "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "console", "-dname",
        "CN=localhost", "-ext", "san=dns:localhost", "-validity", "2").redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes()));
    Path passwordFile = Files.writeString(dir.resolve("keystore-password"), PASSWORD + "\n");

    try (DevTemporalServer temporal = DevTemporalServer.start(0);
        TemporalSession session = TemporalSession.open(TemporalOptions.at(temporal.target()), "console-test");
        ConsoleServer console = ConsoleServer.start(new ConsoleSettings("127.0.0.1", 0, null, null,
            new ConsoleSettings.TlsKeystore(keystore, passwordFile)), session)) {
      URI base = URI.create("https://localhost:" + console.port());
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).build();

      HttpResponse<String> config = trusting.send(HttpRequest.newBuilder(base.resolve("/api/config")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, config.statusCode(), config.body());
      JsonNode doc = new ObjectMapper().readTree(config.body());
      assertFalse(doc.get("signing").asBoolean(), "no credentials file: read-only");
      assertTrue(doc.get("signers").isEmpty());

      HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(base.resolve("/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<script src=\"/console.js\""), "the pages, from the jar");
      assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no external assets");

      HttpResponse<String> gates = trusting.send(HttpRequest.newBuilder(base.resolve("/api/gates")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("[ ]", gates.body().strip(), "the queue of an empty namespace");

      HttpResponse<String> enrol = trusting.send(HttpRequest.newBuilder(base.resolve("/api/enrolment/challenge"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(409, enrol.statusCode(), enrol.body());
      assertTrue(enrol.body().contains("no WebAuthn credentials file"), enrol.body());

      HttpClient untrusting = HttpClient.newHttpClient();
      assertThrows(SSLHandshakeException.class, () -> untrusting.send(
          HttpRequest.newBuilder(base.resolve("/api/config")).build(), HttpResponse.BodyHandlers.ofString()));
    }
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (String alias : List.of("console")) {
      trust.setCertificateEntry(alias, ks.getCertificate(alias));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
