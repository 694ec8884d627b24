package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.simulator.xapi.WireFixture;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that drops before the answer: the transport sends a read or a login again (twice at
 * most), never a call that may change the pool, whose activity must find out what happened.
 */
class XapiReadRetryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> received = new ConcurrentHashMap<>();
  private HttpServer server;
  /** Each method's first this-many requests are dropped. */
  private volatile int drops;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
    server.createContext("/jsonrpc", exchange -> {
      try (exchange) {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String method = request.get("method").asText();
        if (received.merge(method, 1, Integer::sum) <= drops) {
          return; // closed without an answer
        }
        String result = method.startsWith("session.") ? "\"OpaqueRef:session\"" : "\"Running\"";
        byte[] reply = ("{\"jsonrpc\":\"2.0\",\"result\":" + result + ",\"id\":" + request.get("id") + "}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private XapiClient client() {
    return new XapiConnector(XapiClientConfig.builder().scheme("http").port(server.getAddress().getPort())
        .user("root").credentials(new CredentialSource.FromEnv(WireFixture.PASSWORD_ENV))
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build()).connect("127.0.0.1");
  }

  @Test
  void aReadAndTheLoginBeforeItAreSentAgainAfterTwoDrops() {
    drops = 2;
    try (XapiClient c = client()) {
      assertEquals("Running", c.call("VM.get_power_state", "OpaqueRef:vm").asText());
    }
    assertEquals(3, received.get("session.login_with_password"));
    assertEquals(3, received.get("VM.get_power_state"));
  }

  @Test
  void aReadDroppedThreeTimesFails() {
    drops = 3;
    try (XapiClient c = client()) {
      assertThrows(PoolUnreachableException.class, () -> c.call("VM.get_power_state", "OpaqueRef:vm"));
    }
    assertEquals(3, received.get("session.login_with_password"));
  }

  @Test
  void aCallThatMayChangeThePoolIsSentOnce() {
    drops = 1;
    try (XapiClient c = client()) {
      c.call("VM.get_power_state", "OpaqueRef:vm"); // logs in (after one drop)
      assertThrows(PoolUnreachableException.class, () -> c.call("VM.start_on", "OpaqueRef:vm", "OpaqueRef:h",
          false, false));
    }
    assertEquals(1, received.get("VM.start_on"));
  }
}
