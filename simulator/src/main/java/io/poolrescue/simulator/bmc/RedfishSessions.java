package io.poolrescue.simulator.bmc;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Redfish sessions of every simulated BMC: token -> session, each valid only at the BMC that issued it. */
final class RedfishSessions {
  record Session(String id, String bmcAddress, String user, String token) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();

  Session open(String bmcAddress, String user) {
    byte[] t = new byte[24];
    random.nextBytes(t);
    String token = HexFormat.of().formatHex(t);
    Session s = new Session(token.substring(0, 12), bmcAddress, user, token);
    byToken.put(token, s);
    return s;
  }

  Session byToken(String bmcAddress, String token) {
    Session s = token == null ? null : byToken.get(token);
    return s != null && s.bmcAddress().equals(bmcAddress) ? s : null;
  }

  Session byId(String bmcAddress, String id) {
    return byToken.values().stream().filter(s -> s.bmcAddress().equals(bmcAddress) && s.id().equals(id))
        .findFirst().orElse(null);
  }

  java.util.List<Session> of(String bmcAddress) {
    return byToken.values().stream().filter(s -> s.bmcAddress().equals(bmcAddress)).toList();
  }

  void close(Session s) {
    byToken.remove(s.token());
  }
}
