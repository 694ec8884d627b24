package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.xapi.RawHttp;
import io.poolrescue.simulator.xapi.WireFixture;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client's transport against endpoints that are not a healthy XAPI: silent, speaking HTML,
 * forgetting the session. Each failure must be a {@link PoolUnreachableException} or a retry, never
 * a hang or a parsing crash.
 */
class XapiClientTransportTest {
  private static XapiClientConfig.Builder config(int port) {
    return XapiClientConfig.builder().scheme("http").port(port).user("root")
        .credentials(new CredentialSource.FromEnv(WireFixture.PASSWORD_ENV))
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofMillis(300));
  }

  @Test
  void aSilentEndpointHitsTheReadTimeout() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // accept, then never answer
          }
        } catch (Exception e) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      XapiConnector connector = new XapiConnector(config(silent.getLocalPort()).build());
      try (XapiClient client = connector.connect("127.0.0.1")) {
        long start = System.nanoTime();
        PoolUnreachableException e = assertThrows(PoolUnreachableException.class, client::snapshot);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "bounded by the read timeout");
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertEquals("127.0.0.1", e.address());
        assertInstanceOf(HostProbe.Unidentified.class, client.probe(), "it accepted the connection: it is up");
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void anEndpointThatIsNotXapiIsUnreachable() throws Exception {
    HttpServer html = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
    html.createContext("/", exchange -> {
      byte[] page = "<html><body>It works!</body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    html.start();
    try (XapiClient client = new XapiConnector(config(html.getAddress().getPort()).build()).connect("127.0.0.1")) {
      PoolUnreachableException e = assertThrows(PoolUnreachableException.class, client::snapshot);
      assertTrue(e.getMessage().contains("not an XAPI JSON-RPC reply"), e.getMessage());
      assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    } finally {
      html.stop(0);
    }
  }

  @Test
  void aSessionThatBecameInvalidIsReplacedOnce() {
    try (WireFixture f = WireFixture.small(); XapiClient client = f.client("127.0.10.2")) {
      client.snapshot();
      String first = client.sessions().poolTarget().session();
      RawHttp raw = new RawHttp(f.server.uri("127.0.10.1"));
      raw.call("session.logout", "[\"" + first + "\"]"); // e.g. an administrator ended it
      assertEquals(3, client.snapshot().hosts().size());
      assertNotEquals(first, client.sessions().poolTarget().session());
    }
  }
}
