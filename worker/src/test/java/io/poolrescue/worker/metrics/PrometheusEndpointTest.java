package io.poolrescue.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SDK metrics reach /metrics in Prometheus text format. */
class PrometheusEndpointTest {

  @Test
  void sdkRequestMetricsAreScraped() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        PrometheusEndpoint metrics = PrometheusEndpoint.start("127.0.0.1", 0)) {
      WorkflowServiceStubs stubs =
          TemporalConnections.connect(TemporalTarget.dev(port), metrics.scope(), Duration.ofSeconds(5));
      try {
        stubs.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
      } finally {
        stubs.shutdownNow();
      }
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build();
      String body = "";
      long deadline = System.currentTimeMillis() + 5000; // the reporter flushes every second
      while (System.currentTimeMillis() < deadline && !body.contains("temporal_request")) {
        HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        body = r.body();
        Thread.sleep(200);
      }
      assertTrue(body.contains("temporal_request_total") || body.contains("temporal_request_latency"), body);
      assertTrue(body.contains("operation=\"DescribeNamespace\""), body);
    }
  }
}
