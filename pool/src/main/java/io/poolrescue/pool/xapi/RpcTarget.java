package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A logged-in place to send calls: the host's address, its base URI and the session to pass as the
 * first parameter, and whether that session is a host-local (emergency) one. Immutable; a new login
 * gives a new target.
 */
record RpcTarget(JsonRpcTransport rpc, String address, URI base, String session, boolean local) {

  /** {@code method(session, args...)}. */
  JsonNode call(String method, Object... args) {
    List<Object> params = new ArrayList<>(args.length + 1);
    params.add(session);
    params.addAll(Arrays.asList(args));
    return rpc.call(base, address, method, params);
  }

  /** A call whose result is a string (refs, uuids, void). */
  String callForString(String method, Object... args) {
    return call(method, args).asText();
  }

  /** The matching logout call, best effort. */
  void logoutQuietly() {
    SessionKeeper.logoutQuietly(this, local ? "session.local_logout" : "session.logout");
  }

  @Override
  public String toString() {
    // The session ref is a bearer token: keep it out of logs.
    return "RpcTarget[" + address + "]";
  }
}
