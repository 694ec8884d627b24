package io.poolrescue.simulator.xapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.simulator.MachineState;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP handler path at one address, XAPI style: {@code session_id} and {@code task_id}
 * in the query, the outcome recorded in the task (success with its result, or failure with the XAPI
 * error), the HTTP status only saying whether the request itself was acceptable: 200 done, 400 bad
 * request (a PUT without Content-Length, as xapi), 401 bad session (the task fails
 * {@code SESSION_AUTHENTICATION_FAILED []}, as xapi's handlers report it), 404 unknown task, 405 wrong
 * verb, 413 too large, 500 the operation failed (see the task).
 */
final class HttpActionEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(HttpActionEndpoint.class);

  private final String address;
  private final Map<String, HttpAction> byVerb = new HashMap<>();
  private final ServerContext server;
  private final SessionPolicy policy;
  private final long maxUpload;
  private final ServedFaults faults;

  HttpActionEndpoint(String address, List<HttpAction> actions, ServerContext server, long maxUpload,
      ServedFaults faults) {
    this.address = address;
    actions.forEach(a -> byVerb.put(a.verb(), a));
    this.server = server;
    this.policy = new SessionPolicy(server.site());
    this.maxUpload = maxUpload;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      answer(exchange);
    } finally {
      server.site().answered(); // only now may a restart this call caused close the address
    }
  }

  private void answer(HttpExchange exchange) {
    try (exchange) {
      MachineState state = server.site().machineAt(address);
      if (state instanceof MachineState.Down) {
        return; // gone down since the server's last look, which closes the address
      }
      HttpAction action = byVerb.get(exchange.getRequestMethod());
      if (action == null || !exchange.getRequestURI().getPath().equals(action.path())) {
        exchange.getResponseHeaders().set("Allow", String.join(", ", byVerb.keySet()));
        Replies.text(exchange, action == null ? 405 : 404, "no such handler\n");
        return;
      }
      serve(exchange, action, state);
    } catch (IOException e) {
      log.debug("connection to {} dropped: {}", address, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("HTTP handler at {} failed unexpectedly", address, e);
    }
  }

  private void serve(HttpExchange exchange, HttpAction action, MachineState state) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    ServerTask task;
    String taskId = query.get("task_id");
    if (taskId != null) {
      task = server.tasks().get(taskId);
      if (task == null) {
        Replies.text(exchange, 404, "HANDLE_INVALID task " + taskId + "\n");
        return;
      }
    } else {
      task = server.tasks().unlisted(action.verb() + " " + action.path(), server.site().now());
    }
    String what = action.verb() + " " + action.path();
    ServerSession session = server.sessions().get(query.get("session_id"));
    if (session == null || !policy.validAt(session, address, state)
        || (session.local() && !action.localSession())
        || (!action.hostLocal() && session.local() && !isMaster(state))) {
      fail(task, XapiErrors.SESSION_AUTHENTICATION_FAILED, List.of());
      Replies.text(exchange, 401, XapiErrors.SESSION_AUTHENTICATION_FAILED + "\n");
      return;
    }
    if (state instanceof MachineState.Unavailable u && !action.hostLocal()) {
      XapiException refusal = Dispatcher.refusal(u, address);
      fail(task, refusal.code(), refusal.params());
      Replies.text(exchange, 500, refusal.code() + "\n");
      return;
    }
    byte[] body = null;
    if ("PUT".equals(action.verb())) {
      if (BoundedBody.declaredLength(exchange) < 0) {
        fail(task, XapiErrors.INTERNAL_ERROR, List.of(what + " needs a Content-Length"));
        Replies.text(exchange, 400, "Content-Length required\n");
        return;
      }
      try {
        body = BoundedBody.read(exchange, maxUpload);
      } catch (BoundedBody.TooLarge e) {
        fail(task, XapiErrors.INTERNAL_ERROR, List.of(e.getMessage()));
        Replies.text(exchange, 413, e.getMessage() + "\n");
        return;
      }
    }
    Optional<WireFaults.Drawn> fault = faults.draw(address, what);
    if (!faults.beforeCall(fault)) {
      return;
    }
    HttpAction.Request request = new HttpAction.Request(address, ServedSite.hostUuid(state),
        server.site().clientAt(address), query, body, server.site());
    HttpAction.Result result;
    try {
      result = action.work().run(request);
      server.events().changed();
    } catch (XapiException e) {
      fail(task, e.code(), e.params());
      Replies.text(exchange, 500, e.code() + "\n");
      return;
    } catch (PoolUnreachableException e) {
      fail(task, XapiErrors.CANNOT_CONTACT_HOST, List.of(e.address()));
      log.debug("{} at {}: {}", what, address, e.getMessage());
      return; // like the RPC endpoint: the wire sees what the simulator saw, nothing answers
    }
    task.succeed(result.taskResult(), server.site().now());
    if (!faults.afterCall(address, fault)) {
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    Replies.bytes(exchange, 200, result.body());
  }

  private void fail(ServerTask task, String code, List<String> params) {
    List<String> info = new ArrayList<>();
    info.add(code);
    info.addAll(params);
    task.fail(info, server.site().now());
  }

  private static boolean isMaster(MachineState state) {
    return state instanceof MachineState.Up up && up.master();
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
