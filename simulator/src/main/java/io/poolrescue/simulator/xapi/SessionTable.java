package io.poolrescue.simulator.xapi;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions by ref. Refs are random, so a session ref is a bearer token and is never logged. */
final class SessionTable {
  private final Map<String, ServerSession> sessions = new ConcurrentHashMap<>();

  ServerSession open(String user, String address, String hostUuid, boolean local, long agentRun) {
    ServerSession s = new ServerSession("OpaqueRef:" + UUID.randomUUID(), user, address, hostUuid, local, agentRun);
    sessions.put(s.ref(), s);
    return s;
  }

  ServerSession get(String ref) {
    return ref == null ? null : sessions.get(ref);
  }

  void close(String ref) {
    sessions.remove(ref);
  }
}
