package io.poolrescue.pool.fence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.CredentialsUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication of one agent operation: a Redfish session ({@code X-Auth-Token}, deleted on
 * close) when the service offers one, else HTTP Basic. A token refused with 401 is renewed once.
 * The password is read from its source at login and kept only as long as this object lives.
 */
final class RedfishSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedfishSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedfishHttp http;
  private final RedfishEndpoint endpoint;
  private final String user;
  private final CredentialSource password;
  private final URI sessions;
  private String secret;
  private String token;
  private URI location;
  private String basic;
  private boolean renewed;

  /** @param sessions the service's session collection, or null when it has no SessionService */
  RedfishSession(RedfishHttp http, RedfishEndpoint endpoint, String user, CredentialSource password, URI sessions) {
    this.http = http;
    this.endpoint = endpoint;
    this.user = user;
    this.password = password;
    this.sessions = sessions;
  }

  /** Reads the service root without credentials (Redfish requires it to be public). */
  static JsonNode serviceRoot(RedfishHttp http, RedfishEndpoint endpoint) {
    RedfishHttp.Response r = http.send("GET", endpoint.serviceRoot(), null, Map.of());
    return json(expectOk(r, endpoint.serviceRoot(), null), endpoint.serviceRoot());
  }

  void login() {
    try {
      secret = password.password();
    } catch (CredentialsUnavailableException e) {
      throw new BmcUnavailable(e.getMessage());
    }
    if (sessions == null) {
      useBasic();
      return;
    }
    ObjectNode body = JSON.createObjectNode().put("UserName", user).put("Password", secret);
    RedfishHttp.Response r = http.send("POST", sessions, body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    if (r.status() == 404 || r.status() == 405 || r.status() == 501) {
      log.debug("{}: no session service (HTTP {}), using Basic authentication", endpoint, r.status());
      useBasic();
      return;
    }
    if (r.status() == 401 || r.status() == 403) {
      throw new BmcUnavailable("authentication refused (HTTP " + r.status() + ") for user " + user);
    }
    expectOk(r, sessions, null);
    Optional<String> t = r.headers().firstValue("X-Auth-Token");
    if (t.isEmpty() || t.get().isBlank()) {
      throw new BmcUnavailable("the BMC created a session but sent no X-Auth-Token");
    }
    token = t.get();
    // Only the path: a Location naming this BMC by another name must not fail the login.
    location = r.headers().firstValue("Location").map(RedfishSession::path).map(endpoint::resolve).orElse(null);
  }

  private static String path(String location) {
    try {
      String p = URI.create(location.strip()).getRawPath();
      return p == null || p.isEmpty() ? null : p;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void useBasic() {
    String pair = user + ":" + secret;
    basic = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** A request with credentials; a 401 on a token logs in again, once per session. */
  RedfishHttp.Response send(String method, URI uri, byte[] json) {
    RedfishHttp.Response r = http.send(method, uri, json, auth());
    if (r.status() == 401 && token != null && !renewed) {
      renewed = true;
      log.info("{}: session token refused, logging in again", endpoint);
      token = null;
      location = null;
      login();
      r = http.send(method, uri, json, auth());
    }
    return r;
  }

  /** GET of a resource that must exist and be JSON. */
  JsonNode get(URI uri) {
    return json(expectOk(send("GET", uri, null), uri, this), uri);
  }

  private Map<String, String> auth() {
    if (token != null) {
      return Map.of("X-Auth-Token", token);
    }
    return basic == null ? Map.of() : Map.of("Authorization", basic);
  }

  /** Takes the password and the token out of text the BMC sent. */
  String redact(String text) {
    return Redaction.scrub(text, secret, token, basic);
  }

  static RedfishHttp.Response expectOk(RedfishHttp.Response r, URI uri, RedfishSession session) {
    if (r.ok()) {
      return r;
    }
    String what = switch (r.status()) {
      case 401 -> "authentication refused";
      case 403 -> "forbidden";
      case 404 -> "not found";
      default -> r.status() >= 500 ? "BMC error" : "unexpected answer";
    };
    String detail = RedfishErrors.message(r.body());
    if (detail != null && session != null) {
      detail = session.redact(detail);
    }
    throw new BmcUnavailable(what + " (HTTP " + r.status() + ") for " + uri.getPath()
        + (detail == null ? "" : ": " + Redaction.shorten(detail, 300)));
  }

  static JsonNode json(RedfishHttp.Response r, URI uri) {
    try {
      JsonNode node = JSON.readTree(r.body());
      if (node == null || !node.isObject()) {
        throw new BmcUnavailable("malformed JSON from " + uri.getPath() + ": not an object");
      }
      return node;
    } catch (IOException e) {
      throw new BmcUnavailable("malformed JSON from " + uri.getPath());
    }
  }

  @Override
  public void close() {
    if (token != null && location != null) {
      try {
        RedfishHttp.Response r = http.send("DELETE", location, null, auth());
        log.debug("{}: session closed (HTTP {})", endpoint, r.status());
      } catch (BmcUnavailable e) {
        log.debug("{}: could not close the session: {}", endpoint, e.reason());
      }
    }
    token = null;
    basic = null;
    secret = null;
  }
}
