package io.poolrescue.simulator.bmc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.simulator.tls.TlsProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Test-only raw Redfish client over java.net.http: no agent logic, just requests and replies. */
final class Redfish {
  static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + raw.body(), e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().sslContext(TlsProbe.trustAll())
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;

  Redfish(String url) {
    this.base = URI.create(url);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Reply get(String path, String... headers) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  Reply post(String path, String body, String... headers) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  Reply delete(String path, String... headers) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), headers);
  }

  private Reply send(HttpRequest.Builder b, String... headers) throws IOException {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
