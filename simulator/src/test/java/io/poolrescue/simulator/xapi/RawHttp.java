package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Hand-made HTTP requests to the server, for what a well-behaved client would never send. */
public final class RawHttp {
  public static final ObjectMapper JSON = new ObjectMapper();

  public record Reply(int status, String contentType, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("reply is not JSON: " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    JsonNode error() {
      return json().get("error");
    }

    /**
     * The XAPI code and parameters of a 2.0 error, as "CODE [p1, p2]"; also of the array a host in
     * emergency mode answers with ({@code "error":["CODE", p1...]}).
     */
    String xapiError() {
      JsonNode e = error();
      if (e == null || e.isNull()) {
        throw new AssertionError("expected an error, got " + json());
      }
      if (e.isArray()) {
        ArrayNode params = JSON.createArrayNode();
        for (int i = 1; i < e.size(); i++) {
          params.add(e.get(i));
        }
        return e.get(0).asText() + " " + params;
      }
      return e.get("message").asText() + " " + e.get("data");
    }
  }

  private final HttpClient http;
  private final URI base;

  public RawHttp(URI base) {
    this(base, null);
  }

  /** Over HTTPS with this client context (e.g. one that trusts the test's self-signed servers). */
  public RawHttp(URI base, javax.net.ssl.SSLContext tls) {
    this.base = base;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2));
    this.http = (tls == null ? b : b.sslContext(tls)).build();
  }

  public Reply post(String path, String body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply post(String path, byte[] body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A JSON-RPC 2.0 call with the params given as JSON text. */
  public Reply call(String method, String paramsJson) {
    return post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + paramsJson
        + ",\"id\":1}");
  }

  public String login() {
    Reply r = call("session.login_with_password", "[\"root\",\"poolrescue-sim\"]");
    return r.json().get("result").asText();
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
