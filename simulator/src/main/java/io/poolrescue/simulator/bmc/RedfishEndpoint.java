package io.poolrescue.simulator.bmc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.poolrescue.simulator.BmcFault;
import io.poolrescue.simulator.BmcReset;
import io.poolrescue.simulator.BmcState;
import io.poolrescue.simulator.SimulatedPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redfish service of one simulated BMC. The service root and the session login are open, as
 * the standard says; everything else needs a session token ({@code X-Auth-Token}) or Basic auth.
 */
final class RedfishEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(RedfishEndpoint.class);
  private static final int MAX_BODY = 64 * 1024;

  private final String address;
  private final SimulatedPool sim;
  private final RedfishSessions sessions;
  private final RedfishBodies bodies;
  private final ObjectMapper json;

  RedfishEndpoint(String address, SimulatedPool sim, RedfishSessions sessions, ObjectMapper json) {
    this.address = address;
    this.sim = sim;
    this.sessions = sessions;
    this.json = json;
    this.bodies = new RedfishBodies(json);
  }

  @Override
  public void handle(HttpExchange x) {
    try (x) {
      Optional<BmcState> found = sim.bmcAt(address);
      if (found.isEmpty() || found.get().fault() == BmcFault.UNREACHABLE) {
        return; // close without a byte: nothing answers at this address
      }
      route(x, found.get());
    } catch (IOException e) {
      log.debug("connection to BMC {} dropped: {}", address, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("request at BMC {} failed unexpectedly", address, e);
    }
  }

  private void route(HttpExchange x, BmcState bmc) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    if (path.equals("/redfish/v1") || path.equals(RedfishBodies.ROOT)) {
      only(x, method, "GET", () -> send(x, 200, bodies.serviceRoot()));
      return;
    }
    if (path.equals(RedfishBodies.SESSIONS) && method.equals("POST")) {
      login(x, bmc);
      return;
    }
    RedfishSessions.Session session = sessions.byToken(address, x.getRequestHeaders().getFirst("X-Auth-Token"));
    if (session == null && !basicAuthOk(x, bmc)) {
      x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"simulated BMC\"");
      send(x, 401, bodies.error("InsufficientPrivilege", "Authentication is required."));
      return;
    }
    switch (path) {
      case RedfishBodies.SYSTEMS -> only(x, method, "GET", () -> send(x, 200, bodies.systems()));
      case RedfishBodies.SYSTEM -> only(x, method, "GET", () -> send(x, 200, bodies.system(bmc)));
      case RedfishBodies.RESET -> only(x, method, "POST", () -> reset(x));
      case RedfishBodies.SESSION_SERVICE -> only(x, method, "GET", () -> send(x, 200, bodies.sessionService()));
      case RedfishBodies.SESSIONS -> only(x, method, "GET", () -> send(x, 200, bodies.sessions(sessions.of(address))));
      default -> {
        if (path.startsWith(RedfishBodies.SESSIONS + "/")) {
          oneSession(x, method, path.substring(RedfishBodies.SESSIONS.length() + 1));
        } else {
          send(x, 404, bodies.error("ResourceMissingAtURI", "The resource at " + path + " was not found."));
        }
      }
    }
  }

  private void login(HttpExchange x, BmcState bmc) throws IOException {
    JsonNode body = readJson(x);
    String user = body == null ? null : text(body, "UserName");
    String password = body == null ? null : text(body, "Password");
    if (!credentialsOk(bmc, user, password)) {
      send(x, 401, bodies.error("NoValidSession", "The user name or password is not valid."));
      return;
    }
    RedfishSessions.Session s = sessions.open(address, user);
    x.getResponseHeaders().set("X-Auth-Token", s.token());
    x.getResponseHeaders().set("Location", RedfishBodies.SESSIONS + "/" + s.id());
    send(x, 201, bodies.session(s));
  }

  private void oneSession(HttpExchange x, String method, String id) throws IOException {
    RedfishSessions.Session s = sessions.byId(address, id);
    if (s == null) {
      send(x, 404, bodies.error("ResourceMissingAtURI", "No session " + id + "."));
    } else if (method.equals("GET")) {
      send(x, 200, bodies.session(s));
    } else if (method.equals("DELETE")) {
      sessions.close(s);
      send(x, 204, null);
    } else {
      methodNotAllowed(x, "GET, DELETE");
    }
  }

  private void reset(HttpExchange x) throws IOException {
    JsonNode body = readJson(x);
    String type = body == null ? null : text(body, "ResetType");
    if (type == null) {
      send(x, 400, bodies.error("ActionParameterMissing", "The action requires the parameter ResetType."));
      return;
    }
    BmcReset outcome = sim.bmcReset(address, type);
    switch (outcome) {
      case ACCEPTED -> send(x, 204, null);
      case REFUSED -> send(x, 400, bodies.error("ActionNotSupported",
          "The action ComputerSystem.Reset is not supported by the resource at this time."));
      case NOT_ALLOWED -> send(x, 400, bodies.error("ActionParameterValueNotInList",
          "The value " + type + " for the parameter ResetType is not in the list of acceptable values."));
    }
  }

  private boolean basicAuthOk(HttpExchange x, BmcState bmc) {
    String h = x.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && credentialsOk(bmc, decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** Both parts compared in constant time, so timing tells nothing about which one was wrong. */
  private static boolean credentialsOk(BmcState bmc, String user, String password) {
    if (user == null || password == null) {
      return false;
    }
    boolean u = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), bmc.user().getBytes(StandardCharsets.UTF_8));
    boolean p = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
        bmc.password().getBytes(StandardCharsets.UTF_8));
    return u & p;
  }

  private JsonNode readJson(HttpExchange x) throws IOException {
    try (InputStream in = x.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY + 1);
      if (b.length == 0 || b.length > MAX_BODY) {
        return null;
      }
      JsonNode n = json.readTree(b);
      return n != null && n.isObject() ? n : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  @FunctionalInterface
  private interface Reply {
    void send() throws IOException;
  }

  private void only(HttpExchange x, String method, String allowed, Reply reply) throws IOException {
    if (method.equals(allowed)) {
      reply.send();
    } else {
      methodNotAllowed(x, allowed);
    }
  }

  private void methodNotAllowed(HttpExchange x, String allowed) throws IOException {
    x.getResponseHeaders().set("Allow", allowed);
    send(x, 405, bodies.error("OperationNotAllowed", "The HTTP method is not allowed on this resource."));
  }

  private void send(HttpExchange x, int status, ObjectNode body) throws IOException {
    x.getResponseHeaders().set("OData-Version", "4.0");
    if (body == null) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    byte[] b = json.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }
}
