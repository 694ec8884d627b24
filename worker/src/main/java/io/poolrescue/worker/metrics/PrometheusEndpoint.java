package io.poolrescue.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The SDK's metrics (workflow/activity counts and latencies, poller and slot gauges, request
 * latencies) bridged to Micrometer and served in Prometheus text format at {@code /metrics}.
 */
public final class PrometheusEndpoint implements AutoCloseable {
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Scope scope;
  private final HttpServer server;

  private PrometheusEndpoint(InetSocketAddress bind) throws IOException {
    this.scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
    this.server = HttpServer.create(bind, 0);
    server.createContext("/metrics", this::scrape);
    server.start();
  }

  /** Serves on every interface (a scraper runs elsewhere); port 0 picks a free one. */
  public static PrometheusEndpoint start(String host, int port) throws IOException {
    return new PrometheusEndpoint(new InetSocketAddress(host, port));
  }

  /** Give this to the service stubs: every SDK metric goes through it. */
  public Scope scope() {
    return scope;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void scrape(HttpExchange exchange) throws IOException {
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    try {
      scope.close(); // flushes the last figures
    } catch (ScopeCloseException e) {
      // nothing left to report to: the registry closes next
    }
    registry.close();
  }
}
