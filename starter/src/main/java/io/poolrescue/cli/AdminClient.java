package io.poolrescue.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.client.admin.AdminJson;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.admin.Fault;
import io.poolrescue.client.admin.JournalLine;
import io.poolrescue.client.admin.PoolSummary;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The dev stack's admin endpoint (simulated pool: summary, faults, journal) over HTTP + JSON. */
public final class AdminClient {
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public AdminClient(URI base) {
    this.base = base;
  }

  public DevStackInfo info() {
    return get("/info", new TypeReference<>() {});
  }

  public PoolSummary pool() {
    return get("/pool", new TypeReference<>() {});
  }

  public List<JournalLine> journal() {
    return get("/journal", new TypeReference<>() {});
  }

  /** Returns the endpoint's sentence saying what was done. */
  public String inject(Fault fault) {
    try {
      byte[] body = AdminJson.MAPPER.writeValueAsBytes(fault);
      JsonNode reply = send(HttpRequest.newBuilder(base.resolve("/faults"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)), new TypeReference<>() {});
      return reply.path("done").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T get(String path, TypeReference<T> type) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), type);
  }

  private <T> T send(HttpRequest.Builder request, TypeReference<T> type) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw CliFailure.unreachable("no dev stack admin endpoint at " + base + " (start one with 'poolrescue dev')");
    } catch (IOException e) {
      throw CliFailure.unreachable("dev stack admin endpoint at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.failed("interrupted");
    }
    try {
      if (response.statusCode() != 200) {
        JsonNode err = AdminJson.MAPPER.readTree(response.body());
        String msg = err.path("error").asText("HTTP " + response.statusCode());
        throw response.statusCode() == 400 ? CliFailure.badInput(msg) : CliFailure.failed(msg);
      }
      return AdminJson.MAPPER.readValue(response.body(), type);
    } catch (IOException e) {
      throw CliFailure.failed("unreadable reply from " + base + ": " + e.getMessage());
    }
  }
}
