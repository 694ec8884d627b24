package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.simulator.MachineState;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers one decoded call at one address, in XAPI's order of checks: a host that refuses service
 * answers its error to everything but the emergency calls; then the method must exist, the
 * parameter count match, the session be valid here, the arguments have the right types and the
 * refs name existing objects. Only then does the method run.
 */
final class Dispatcher {
  private final MethodTable methods;
  private final ServerContext server;
  private final SessionPolicy policy;

  Dispatcher(MethodTable methods, ServerContext server) {
    this.methods = methods;
    this.server = server;
    this.policy = new SessionPolicy(server.site());
  }

  /** {@code state} is not {@link MachineState.Down}: nothing answers there. */
  Object dispatch(String address, MachineState state, JsonRpcRequest request) {
    ApiMethod method = methods.find(request.method());
    if (state instanceof MachineState.Unavailable u && (method == null || !method.emergency())) {
      throw new EmergencyRefusal(refusal(u, address));
    }
    if (method == null) {
      throw new XapiException(XapiErrors.MESSAGE_METHOD_UNKNOWN, List.of(request.method()));
    }
    List<JsonNode> values = new ArrayList<>();
    request.params().forEach(values::add);
    int expected = method.wireCount();
    int min = expected - method.optional();
    if (values.size() < min || values.size() > expected) {
      // xapi counts the arguments after the session, on both sides (so [] gives "-1")
      int session = expected - method.params().size();
      throw new XapiException(XapiErrors.MESSAGE_PARAMETER_COUNT_MISMATCH, List.of(method.name(),
          Integer.toString(method.params().size()), Integer.toString(values.size() - session)));
    }
    ServerSession session = null;
    if (method.access() != ApiMethod.Access.NONE) {
      session = checkSession(values.remove(0), address, state, method);
    }
    ObjectView[] view = new ObjectView[1];
    List<Object> args = ArgumentReader.read(method.params(), values, () -> (cls, ref) -> {
      if ("task".equals(cls)) {
        return server.tasks().get(ref) != null;
      }
      if (view[0] == null) {
        view[0] = server.site().view(address);
      }
      return view[0].exists(cls, ref);
    });
    try {
      return method.impl().invoke(new Call(address, state, session, args, server, view[0]));
    } finally {
      server.events().changed(); // waiting event.from calls look again
    }
  }

  private ServerSession checkSession(JsonNode value, String address, MachineState state, ApiMethod method) {
    if (!value.isTextual()) {
      throw ArgumentReader.typeError(new Param("session_id", Param.Kind.STRING, null), value);
    }
    ServerSession s = server.sessions().get(value.asText());
    boolean valid = s != null && (method.access() == ApiMethod.Access.TASK ? policy.validForTasks(s)
        : policy.validAt(s, address, state) && SessionPolicy.allows(s, method, state));
    if (!valid) {
      throw new XapiException(XapiErrors.SESSION_INVALID, List.of(value.asText()));
    }
    return s;
  }

  /**
   * What a host refusing service answers: the stored emergency error with xapi's parameters
   * ({@code HOST_UNKNOWN_TO_MASTER [host uuid]}, {@code HOST_MASTER_CANNOT_TALK_BACK [its ip]}).
   */
  static XapiException refusal(MachineState.Unavailable u, String address) {
    if (XapiErrors.HOST_MASTER_CANNOT_TALK_BACK.equals(u.errorCode())) {
      return new XapiException(u.errorCode(), List.of(address));
    }
    return u.refusal();
  }
}
