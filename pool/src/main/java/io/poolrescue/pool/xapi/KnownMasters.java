package io.poolrescue.pool.xapi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which master each host address was last seen to follow, shared by the clients of one connector.
 * Needed where a host cannot say it itself: a member in emergency mode answers every login with
 * its emergency error, yet {@code /host_restore} on it takes only a session of its pool's master.
 */
final class KnownMasters {
  private final Map<String, String> masterOf = new ConcurrentHashMap<>();

  void seen(String hostAddress, String masterAddress) {
    if (hostAddress != null && masterAddress != null) {
      masterOf.put(hostAddress, masterAddress);
    }
  }

  /** The master last seen for that address, or null. */
  String of(String hostAddress) {
    return masterOf.get(hostAddress);
  }
}
