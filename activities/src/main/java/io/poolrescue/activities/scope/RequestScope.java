package io.poolrescue.activities.scope;

import java.util.List;

/**
 * What a request may act on, as the worker's configuration says: the inventory pool its addresses
 * belong to (both null when the worker has no inventory, or the request names no address) and the
 * addresses checked, trimmed, each once, in the order given.
 */
public record RequestScope(String poolUuid, String poolName, List<String> addresses) {

  public RequestScope {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }
}
