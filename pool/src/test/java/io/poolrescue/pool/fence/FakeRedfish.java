package io.poolrescue.pool.fence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A Redfish service on 127.0.0.1 for tests, shaped like the DMTF schema: ServiceRoot,
 * SessionService sessions (or Basic only), a Systems collection, ComputerSystems with a PowerState
 * and a Reset action. Routes can be replaced to inject faults; every request is recorded.
 */
final class FakeRedfish implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String USER = "fence";

  static {
    // Headers and body go out in separate writes: without this, each answer waits for a delayed ACK (~40 ms).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** Something done to the fake before a test reads it. */
  @FunctionalInterface
  interface Fault {
    void inject(FakeRedfish bmc);
  }

  record Request(String method, String path, String token, String authorization, String body) {}

  record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
    static Reply json(int status, String body) {
      return new Reply(status, body, Map.of(), 0);
    }

    Reply delayed(long millis) {
      return new Reply(status, body, headers, millis);
    }
  }

  /** One ComputerSystem; {@code power} holds the states it will report, the last one sticks. */
  static final class ComputerSystem {
    final String id;
    volatile String serial;
    final Deque<Object> power = new ArrayDeque<>();
    volatile List<String> allowable = List.of("On", "ForceOff", "GracefulShutdown", "ForceRestart");
    volatile String actionInfo;
    volatile boolean resetAction = true;
    /** States reported after an accepted ForceOff. */
    volatile List<Object> afterForceOff = List.of("PoweringOff", "Off");

    ComputerSystem(String id, String serial, Object power) {
      this.id = id;
      this.serial = serial;
      this.power.add(power);
    }

    String path() {
      return "/redfish/v1/Systems/" + id;
    }

    synchronized Object nextPower() {
      return power.size() > 1 ? power.poll() : power.peek();
    }

    synchronized void forceOff() {
      power.clear();
      power.addAll(afterForceOff);
    }
  }

  /** PowerState values the fake can report besides strings and numbers. */
  static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "missing";
    }
  };
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  final String password;
  volatile boolean sessionService = true;
  final Map<String, ComputerSystem> systems = Collections.synchronizedMap(new LinkedHashMap<>());
  final Map<String, Function<Request, Reply>> overrides = new ConcurrentHashMap<>();
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  final Set<String> liveTokens = ConcurrentHashMap.newKeySet();
  final List<String> issuedTokens = Collections.synchronizedList(new ArrayList<>());
  final List<String> deletedSessions = Collections.synchronizedList(new ArrayList<>());
  final List<String> resetBodies = Collections.synchronizedList(new ArrayList<>());

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  private FakeRedfish(String password, SSLContext tls) throws IOException {
    this.password = password;
    InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(at, 0);
    } else {
      HttpsServer https = HttpsServer.create(at, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static FakeRedfish http(String password) throws IOException {
    return new FakeRedfish(password, null);
  }

  static FakeRedfish https(String password, SSLContext tls) throws IOException {
    return new FakeRedfish(password, tls);
  }

  String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  ComputerSystem system(String id, String serial, Object power) {
    ComputerSystem s = new ComputerSystem(id, serial, power);
    systems.put(id, s);
    return s;
  }

  /** Replaces what {@code METHOD path} answers. */
  void override(String method, String path, Function<Request, Reply> reply) {
    overrides.put(method + " " + path, reply);
  }

  List<Request> requests(String method, String path) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
          ex.getRequestHeaders().getFirst("X-Auth-Token"), ex.getRequestHeaders().getFirst("Authorization"), body);
      requests.add(req);
      Function<Request, Reply> override = overrides.get(req.method() + " " + req.path());
      Reply reply = override != null ? override.apply(req) : route(req);
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0) {
        ex.getResponseHeaders().add("Content-Type", "application/json");
      }
      ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        ex.getResponseBody().write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Reply route(Request r) {
    String key = r.method() + " " + r.path();
    if (key.equals("GET /redfish/v1/")) {
      return Reply.json(200, serviceRoot().toString());
    }
    if (key.equals("POST /redfish/v1/SessionService/Sessions")) {
      return sessionService ? login(r) : error(404, "Base.1.8.ResourceNotFound", "no such resource");
    }
    if (!authenticated(r)) {
      return error(401, "Base.1.8.NoValidSession", "There is no valid session established with the implementation.");
    }
    if (r.method().equals("DELETE") && r.path().startsWith("/redfish/v1/SessionService/Sessions/")) {
      liveTokens.remove(r.token());
      deletedSessions.add(r.path());
      return new Reply(204, null, Map.of(), 0);
    }
    if (key.equals("GET /redfish/v1/Systems") || key.equals("GET /redfish/v1/Systems/")) {
      return Reply.json(200, collection().toString());
    }
    for (ComputerSystem s : systems.values()) {
      if (key.equals("GET " + s.path())) {
        return Reply.json(200, computerSystem(s).toString());
      }
      if (key.equals("POST " + s.path() + "/Actions/ComputerSystem.Reset")) {
        return reset(s, r);
      }
    }
    return error(404, "Base.1.8.ResourceNotFound", "The requested resource " + r.path() + " was not found.");
  }

  private boolean authenticated(Request r) {
    if (r.token() != null && liveTokens.contains(r.token())) {
      return true;
    }
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    return basic.equals(r.authorization());
  }

  private Reply login(Request r) {
    try {
      var creds = JSON.readTree(r.body());
      if (!USER.equals(creds.path("UserName").asText()) || !password.equals(creds.path("Password").asText())) {
        return error(401, "Base.1.8.NoValidSession", "Invalid username or password.");
      }
    } catch (IOException e) {
      return error(400, "Base.1.8.MalformedJSON", "malformed");
    }
    String token = "tok-" + UUID.randomUUID();
    liveTokens.add(token);
    issuedTokens.add(token);
    String location = "/redfish/v1/SessionService/Sessions/" + issuedTokens.size();
    ObjectNode session = JSON.createObjectNode().put("@odata.id", location).put("UserName", USER);
    return new Reply(201, session.toString(), Map.of("X-Auth-Token", token, "Location", location), 0);
  }

  private Reply reset(ComputerSystem s, Request r) {
    resetBodies.add(r.body());
    try {
      String type = JSON.readTree(r.body()).path("ResetType").asText();
      if (!"ForceOff".equals(type)) {
        return error(400, "Base.1.8.ActionParameterValueNotInList", "ResetType " + type + " is not supported.");
      }
    } catch (IOException e) {
      return error(400, "Base.1.8.MalformedJSON", "malformed");
    }
    s.forceOff();
    return new Reply(204, null, Map.of(), 0);
  }

  ObjectNode serviceRoot() {
    ObjectNode root = JSON.createObjectNode()
        .put("@odata.type", "#ServiceRoot.v1_11_0.ServiceRoot")
        .put("@odata.id", "/redfish/v1/")
        .put("Id", "RootService")
        .put("RedfishVersion", "1.11.0");
    root.putObject("Systems").put("@odata.id", "/redfish/v1/Systems");
    if (sessionService) {
      root.putObject("SessionService").put("@odata.id", "/redfish/v1/SessionService");
      root.putObject("Links").putObject("Sessions").put("@odata.id", "/redfish/v1/SessionService/Sessions");
    }
    return root;
  }

  ObjectNode collection() {
    ObjectNode c = JSON.createObjectNode()
        .put("@odata.type", "#ComputerSystemCollection.ComputerSystemCollection")
        .put("@odata.id", "/redfish/v1/Systems")
        .put("Name", "Computer System Collection");
    ArrayNode members = c.putArray("Members");
    synchronized (systems) {
      systems.values().forEach(s -> members.addObject().put("@odata.id", s.path()));
    }
    c.put("Members@odata.count", members.size());
    return c;
  }

  ObjectNode computerSystem(ComputerSystem s) {
    ObjectNode o = JSON.createObjectNode()
        .put("@odata.type", "#ComputerSystem.v1_13_0.ComputerSystem")
        .put("@odata.id", s.path())
        .put("Id", s.id)
        .put("Name", "System " + s.id)
        .put("SystemType", "Physical");
    if (s.serial != null) {
      o.put("SerialNumber", s.serial);
    }
    Object power = s.nextPower();
    if (power == NULL) {
      o.putNull("PowerState");
    } else if (power instanceof Integer n) {
      o.put("PowerState", n);
    } else if (power != MISSING) {
      o.put("PowerState", power.toString());
    }
    if (s.resetAction) {
      ObjectNode reset = o.putObject("Actions").putObject("#ComputerSystem.Reset")
          .put("target", s.path() + "/Actions/ComputerSystem.Reset");
      if (s.allowable != null) {
        ArrayNode values = reset.putArray("ResetType@Redfish.AllowableValues");
        s.allowable.forEach(values::add);
      }
      if (s.actionInfo != null) {
        reset.put("@Redfish.ActionInfo", s.actionInfo);
      }
    }
    return o;
  }

  static Reply error(int status, String id, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error").put("code", id).put("message", "A general error has occurred.");
    error.putArray("@Message.ExtendedInfo").addObject()
        .put("@odata.type", "#Message.v1_1_1.Message").put("MessageId", id).put("Message", message);
    return Reply.json(status, body.toString());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
