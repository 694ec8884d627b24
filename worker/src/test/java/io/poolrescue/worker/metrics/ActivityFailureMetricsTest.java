package io.poolrescue.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.pool.inventory.XapiAccess;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed activity attempts reach /metrics by site, pool and XAPI code. */
class ActivityFailureMetricsTest {
  record Batch(String poolAddress, List<String> vms) {}

  private static final Inventory INVENTORY = new Inventory(List.of(
      new InventoryPool("pool-paris-1", "paris-1", "10.1.0.1", new XapiAccess("root", "env:P", null),
          List.of(new InventoryHost("h1", null, List.of("10.1.0.1", "10.1.0.2"), null, null, null)), List.of(),
          "paris")));

  @Test
  void aRefusalIsCountedWithItsSitePoolAndCode() throws Exception {
    try (PrometheusEndpoint endpoint = PrometheusEndpoint.start("127.0.0.1", 0)) {
      ActivityFailureMetrics m = new ActivityFailureMetrics(endpoint.scope(), INVENTORY);
      m.count("pool-recovery.paris", "HostForget", new Object[] {new Batch("10.1.0.2", List.of())},
          ApplicationFailure.newNonRetryableFailure("the host is live", "HOST_IS_LIVE"));
      m.count("pool-recovery", "ScopeCheck", new Object[] {List.of("10.9.9.9")},
          new IllegalStateException("boom"));
      String body = scrapeUntil(endpoint, "HOST_IS_LIVE");
      assertTrue(body.lines().anyMatch(l -> l.startsWith("poolrescue_activity_failures_total{")
          && l.contains("activity=\"HostForget\"") && l.contains("code=\"HOST_IS_LIVE\"")
          && l.contains("pool=\"pool-paris-1\"") && l.contains("site=\"paris\"") && l.endsWith(" 1.0")), body);
      assertTrue(body.lines().anyMatch(l -> l.startsWith("poolrescue_activity_failures_total{")
          && l.contains("code=\"IllegalStateException\"") && l.contains("pool=\"none\"")
          && l.contains("site=\"none\"")), body);
    }
  }

  @Test
  void theSiteIsTheTaskQueuesSuffix() {
    assertEquals("lyon", ActivityFailureMetrics.site("pool-recovery.lyon"));
    assertEquals("none", ActivityFailureMetrics.site("pool-recovery"));
  }

  private static String scrapeUntil(PrometheusEndpoint endpoint, String text) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build();
    String body = "";
    long deadline = System.currentTimeMillis() + 5000; // the reporter flushes every second
    while (!body.contains(text) && System.currentTimeMillis() < deadline) {
      body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
      Thread.sleep(200);
    }
    return body;
  }
}
