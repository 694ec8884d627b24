package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One XAPI JSON-RPC 2.0 call over HTTP(S): {@code POST <host>/jsonrpc}. XAPI errors come back as
 * {@link XapiException}; anything that shows nothing answered XAPI (connection refused, timeout,
 * TLS failure, a reply that is not JSON-RPC) as {@link PoolUnreachableException}. Parameters are
 * never logged: logins and {@code pool.join} carry the password.
 */
final class JsonRpcTransport {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcTransport.class);

  private final HttpClient http;
  private final ObjectMapper json;
  private final ReadTimeouts readTimeouts;
  private final AtomicLong ids = new AtomicLong();

  JsonRpcTransport(HttpClient http, ObjectMapper json, ReadTimeouts readTimeouts) {
    this.http = http;
    this.json = json;
    this.readTimeouts = readTimeouts;
  }

  ObjectMapper json() {
    return json;
  }

  /** Calls {@code method} on the host at {@code base}; {@code address} names it in errors. */
  JsonNode call(URI base, String address, String method, List<?> params) {
    long id = ids.incrementAndGet();
    ObjectNode request = json.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object p : params) {
      array.add(json.valueToTree(p));
    }
    request.put("id", id);
    byte[] body;
    try {
      body = json.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode the parameters of " + method, e);
    }
    HttpRequest httpRequest =
        HttpRequest.newBuilder(base.resolve("/jsonrpc"))
            .timeout(readTimeouts.forCall(method))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    log.debug("XAPI call {} at {}", method, address);
    HttpResponse<byte[]> response = send(httpRequest, address, method);
    return readReply(response, address, method);
  }

  /** Sends once, or (reads and logins, see {@link ReadRetry}) up to three times when the connection drops. */
  private HttpResponse<byte[]> send(HttpRequest request, String address, String method) {
    int attempt = 0;
    try {
      while (true) {
        try {
          return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
          if (!ReadRetry.repeatable(method) || !ReadRetry.worthRetrying(e) || attempt >= ReadRetry.PAUSES.size()) {
            throw unreachable(address, method, e);
          }
          log.debug("XAPI call {} at {} dropped ({}); sending it again", method, address, e.getMessage());
          Thread.sleep(ReadRetry.PAUSES.get(attempt++).toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PoolUnreachableException(address, "interrupted during " + method, e);
    }
  }

  static PoolUnreachableException unreachable(String address, String what, IOException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new PoolUnreachableException(address, what + " failed: " + detail, e);
  }

  private JsonNode readReply(HttpResponse<byte[]> response, String address, String method) {
    JsonNode reply;
    try {
      reply = json.readTree(response.body());
    } catch (IOException e) {
      reply = null;
    }
    if (reply == null || !reply.isObject() || !(reply.has("result") || reply.has("error"))) {
      throw new PoolUnreachableException(address, "not an XAPI JSON-RPC reply to " + method + " (HTTP "
          + response.statusCode() + ", " + response.headers().firstValue("Content-Type").orElse("no content type")
          + ")", null);
    }
    JsonNode error = reply.get("error");
    if (error != null && !error.isNull()) {
      throw toException(error);
    }
    return reply.get("result");
  }

  /** Both reply dialects: 2.0 {@code {code:1, message:CODE, data:[...]}} and 1.0 {@code [CODE, ...]}. */
  static XapiException toException(JsonNode error) {
    if (error.isArray() && error.size() > 0) {
      List<String> params = new ArrayList<>();
      for (int i = 1; i < error.size(); i++) {
        params.add(text(error.get(i)));
      }
      return new XapiException(error.get(0).asText(), params);
    }
    int code = error.path("code").asInt(Integer.MIN_VALUE);
    String message = error.path("message").asText("");
    List<String> params = new ArrayList<>();
    error.path("data").forEach(d -> params.add(text(d)));
    if (code == 1 && !message.isEmpty()) {
      return new XapiException(message, params);
    }
    // A JSON-RPC level error (-32700 parse error, -32600 invalid request): our own request was bad.
    List<String> detail = new ArrayList<>();
    detail.add("JSON-RPC error " + code + ": " + message);
    detail.addAll(params);
    return new XapiException(XapiErrors.INTERNAL_ERROR, detail);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
