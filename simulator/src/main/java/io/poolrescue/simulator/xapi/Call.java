package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.simulator.MachineState;
import java.util.List;
import java.util.Map;

/**
 * One API call being answered: where it arrived, the session that made it, and its arguments,
 * already type-checked and (for refs) resolved against the pool's objects.
 */
final class Call {
  private final String address;
  private final MachineState state;
  private final ServerSession session;
  private final List<Object> args;
  private final ServerContext server;
  private ObjectView view;

  Call(String address, MachineState state, ServerSession session, List<Object> args,
      ServerContext server, ObjectView view) {
    this.address = address;
    this.state = state;
    this.session = session;
    this.args = args;
    this.server = server;
    this.view = view;
  }

  String address() {
    return address;
  }

  MachineState state() {
    return state;
  }

  ServerSession session() {
    return session;
  }

  ServerContext server() {
    return server;
  }

  /** The pool's objects as of the start of this call. */
  ObjectView view() {
    if (view == null) {
      view = server.site().view(address);
    }
    return view;
  }

  /** A view taken now, after this call changed the pool. */
  ObjectView freshView() {
    return server.site().view(address);
  }

  /** The simulator's client for the host this call arrived at. */
  PoolClient pool() {
    return server.site().clientAt(address);
  }

  String str(int i) {
    return (String) args.get(i);
  }

  boolean bool(int i) {
    return (Boolean) args.get(i);
  }

  double dbl(int i) {
    return (Double) args.get(i);
  }

  @SuppressWarnings("unchecked")
  Map<String, String> map(int i) {
    return (Map<String, String>) args.get(i);
  }

  @SuppressWarnings("unchecked")
  List<String> list(int i) {
    return (List<String>) args.get(i);
  }

  ObjectNode record(int i) {
    return (ObjectNode) args.get(i);
  }

  /** The uuid of the object the ref argument {@code i} names (already checked to exist). */
  String uuid(int i, String cls) {
    return view().uuidOf(cls, str(i));
  }

  /** The host uuid of the machine this call arrived at. */
  String hostUuidHere() {
    String uuid = ServedSite.hostUuid(state);
    if (uuid == null) {
      throw new XapiException(XapiErrors.INTERNAL_ERROR, List.of("no host answers at " + address));
    }
    return uuid;
  }
}
