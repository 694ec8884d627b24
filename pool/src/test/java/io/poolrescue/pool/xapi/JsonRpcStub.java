package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny XAPI JSON-RPC endpoint on one loopback address that records every request body it gets
 * and answers each call with what {@code reply} makes of its method name (a full JSON-RPC reply).
 */
final class JsonRpcStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  private JsonRpcStub(HttpServer server) {
    this.server = server;
  }

  /** @param port 0 for any free port */
  static JsonRpcStub start(String address, int port, Function<String, String> reply) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
    JsonRpcStub stub = new JsonRpcStub(server);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        stub.bodies.add(body);
        JsonNode request = JSON.readTree(body);
        byte[] out = reply.apply(request.path("method").asText()).replace("$ID", request.path("id").asText())
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      } catch (RuntimeException e) {
        exchange.sendResponseHeaders(500, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
    return stub;
  }

  /** A successful reply carrying {@code result} (a JSON value). */
  static String result(String json) {
    return "{\"jsonrpc\":\"2.0\",\"result\":" + json + ",\"id\":$ID}";
  }

  /** An XAPI error reply, {@code {code: 1, message: CODE, data: [...]}}. */
  static String error(String code, String... params) {
    StringBuilder data = new StringBuilder();
    for (String p : params) {
      data.append(data.length() == 0 ? "" : ",").append('"').append(p).append('"');
    }
    return "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"" + code + "\",\"data\":[" + data + "]},\"id\":$ID}";
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Every request body received, in order. */
  List<String> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
