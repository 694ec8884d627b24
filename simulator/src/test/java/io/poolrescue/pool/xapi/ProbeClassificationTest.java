package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.simulator.tls.TlsIdentity;
import io.poolrescue.simulator.xapi.WireFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the real client's probe calls each kind of endpoint on 127.0.0.1. Silence is only "no TCP
 * connection within the connect timeout"; whatever accepted a connection is up, so at worst
 * unidentified, never unreachable.
 */
class ProbeClassificationTest {
  private static final String AT = "127.0.0.1";
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Duration CONNECT = Duration.ofMillis(500);
  private static final String OTHER_PIN = TlsIdentity.generate("not the host", AT).sha256();

  private final List<AutoCloseable> open = new ArrayList<>();

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("TLS certificate not matching the pin", "tls", HostProbe.Unidentified.class, null),
        Arguments.of("HTTP 500 with an HTML page", "http500", HostProbe.Unidentified.class, null),
        Arguments.of("HTTP 200 that is not JSON", "html200", HostProbe.Unidentified.class, null),
        Arguments.of("JSON-RPC error HOST_IS_SLAVE", "slave", HostProbe.Slave.class, "10.0.0.1"),
        Arguments.of("JSON-RPC error HOST_BROKEN", "broken", HostProbe.Unavailable.class, "HOST_BROKEN"),
        Arguments.of("emergency mode: error array, id 0", "emergency", HostProbe.Unavailable.class,
            "HOST_STILL_BOOTING"),
        Arguments.of("accepts TCP, never answers", "silent", HostProbe.Unidentified.class, null),
        Arguments.of("closed port: connection refused", "refused", HostProbe.Unreachable.class, "no TCP connection"),
        Arguments.of("no connection within the connect timeout", "backlogFull", HostProbe.Unreachable.class,
            "within " + CONNECT.toMillis() + " ms"));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("table")
  void probeClassifies(String what, String endpoint, Class<? extends HostProbe> expected, String fact)
      throws Exception {
    XapiClientConfig.Builder config = XapiClientConfig.builder().scheme("http").user("root")
        .credentials(new CredentialSource.FromEnv(WireFixture.PASSWORD_ENV))
        .connectTimeout(CONNECT).readTimeout(Duration.ofMillis(700));
    switch (endpoint) {
      case "tls" -> config.scheme("https").pinnedSha256(OTHER_PIN).port(tlsServer());
      case "http500" -> config.port(http(500, "text/html", "<html><body>Internal error</body></html>"));
      case "html200" -> config.port(http(200, "text/html", "<html>hello</html>"));
      case "slave" -> config.port(xapiRefusing("HOST_IS_SLAVE", "10.0.0.1"));
      case "broken" -> config.port(xapiRefusing("HOST_BROKEN"));
      case "emergency" -> config.port(http(200, "application/json",
          "{\"jsonrpc\":\"2.0\",\"error\":[\"HOST_STILL_BOOTING\"],\"id\":0}"));
      case "silent" -> config.port(acceptsAndSleeps());
      case "refused" -> config.port(closedPort());
      case "backlogFull" -> config.port(backlogFull());
      default -> throw new IllegalArgumentException(endpoint);
    }
    try (XapiClient client = new XapiConnector(config.build()).connect(AT)) {
      HostProbe p = client.probe();
      assertInstanceOf(expected, p, what + ": " + p);
      assertEquals(AT, p.address());
      assertEquals(!(p instanceof HostProbe.Unreachable), p.answers());
      if (p instanceof HostProbe.Slave s) {
        assertEquals(fact, s.masterAddress());
      } else if (p instanceof HostProbe.Unavailable u) {
        assertEquals(fact, u.errorCode());
      } else if (p instanceof HostProbe.Unreachable u) {
        assertTrue(u.reason().contains(fact), u.reason());
      }
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private int tlsServer() throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 8);
    s.setHttpsConfigurator(new HttpsConfigurator(TlsIdentity.generate("the host", AT).sslContext()));
    return serve(s, 200, "application/json", "{}");
  }

  private int http(int status, String type, String body) throws IOException {
    return serve(HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 8), status, type, body);
  }

  private int serve(HttpServer s, int status, String type, String body) {
    s.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    });
    s.start();
    open.add(() -> s.stop(0));
    return s.getAddress().getPort();
  }

  /** Answers every JSON-RPC call with this XAPI error, as xapi does at a member or a broken host. */
  private int xapiRefusing(String code, String... params) throws IOException {
    ObjectMapper json = new ObjectMapper();
    HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 8);
    s.createContext("/", exchange -> {
      try (exchange) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        ObjectNode error = reply.putObject("error").put("code", 1).put("message", code);
        Stream.of(params).forEach(error.putArray("data")::add);
        reply.set("id", json.readTree(exchange.getRequestBody()).get("id"));
        byte[] bytes = json.writeValueAsBytes(reply);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    s.start();
    open.add(() -> s.stop(0));
    return s.getAddress().getPort();
  }

  private int acceptsAndSleeps() throws IOException {
    ServerSocket server = new ServerSocket(0, 8, LOOPBACK);
    List<Socket> held = new ArrayList<>();
    Thread t = new Thread(() -> {
      try {
        while (true) {
          held.add(server.accept()); // and never a byte
        }
      } catch (IOException e) {
        // closed at the end of the test
      }
    });
    t.setDaemon(true);
    t.start();
    open.add(() -> {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    });
    return server.getLocalPort();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return s.getLocalPort();
    }
  }

  /**
   * A listener that never accepts, its backlog filled: Linux then drops further SYNs, as a network
   * that loses packets to a machine that is off does, so a connection attempt times out.
   */
  private int backlogFull() throws IOException {
    ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
    open.add(server);
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      open.add(s);
      try {
        s.connect(server.getLocalSocketAddress(), 200);
      } catch (IOException e) {
        return server.getLocalPort(); // the queue is full: this one got no connection
      }
    }
    throw new IllegalStateException("the backlog never filled; this system accepts beyond it");
  }
}
