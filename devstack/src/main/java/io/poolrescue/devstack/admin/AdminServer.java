package io.poolrescue.devstack.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.poolrescue.client.admin.AdminJson;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.admin.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev stack's admin endpoint, HTTP + JSON on 127.0.0.1 only (it can break the pool on purpose):
 * <ul>
 *   <li>{@code GET /info} — where everything listens ({@link DevStackInfo})
 *   <li>{@code GET /pool} — the pool summary ({@link PoolSummary})
 *   <li>{@code GET /journal} — the simulator's operation journal, every mutating call once
 *   <li>{@code POST /faults} — inject a {@link Fault}, e.g. {@code {"kind":"fail-host","host":"h2"}}
 * </ul>
 * Bad requests get 400 with {@code {"error": "..."}}.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  private static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  public static AdminServer start(int port, DevPool pool, Supplier<DevStackInfo> info) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "dev-admin");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/info", ex -> handle(ex, "GET", () -> info.get()));
    server.createContext("/pool", ex -> handle(ex, "GET", pool::summary));
    server.createContext("/journal", ex -> handle(ex, "GET", pool::journal));
    server.createContext("/faults", ex -> handle(ex, "POST", () -> {
      Fault fault = readBody(ex, Fault.class);
      String done = pool.inject(fault);
      log.info("fault injected: {}", done);
      return Map.of("done", done);
    }));
    server.start();
    return new AdminServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @FunctionalInterface
  private interface Action {
    Object run() throws IOException;
  }

  private static void handle(HttpExchange ex, String method, Action action) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals(method)) {
        reply(ex, 405, Map.of("error", ex.getRequestURI().getPath() + " takes " + method));
        return;
      }
      Object result;
      try {
        result = action.run();
      } catch (JsonProcessingException e) {
        reply(ex, 400, Map.of("error", "bad JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")));
        return;
      } catch (IllegalArgumentException | IllegalStateException e) {
        reply(ex, 400, Map.of("error", String.valueOf(e.getMessage())));
        return;
      } catch (RuntimeException e) {
        reply(ex, 409, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        return;
      }
      reply(ex, 200, result);
    }
  }

  private static <T> T readBody(HttpExchange ex, Class<T> type) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new IllegalArgumentException("request body too large");
      }
      return AdminJson.MAPPER.readValue(body, type);
    }
  }

  private static void reply(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = AdminJson.MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
