package io.poolrescue.activities.scope;

import java.time.Duration;
import java.util.List;

/**
 * What a request may act on, as the worker's configuration says: the inventory pool its addresses
 * belong to (both null when the worker has no inventory, or the request names no address) and the
 * addresses checked, trimmed, each once, in the order given.
 *
 * @param site the pool's site as the inventory names it: the run's pool and BMC calls go to that
 *     site's workers; null in an inventory without sites (and in results recorded before sites)
 * @param siteWorkerWait how long a call may wait for a worker of the site before the run says that
 *     none is there (the worker's setting); null without a site
 * @param standbySite the inventory's standby site of the pool, whose workers reach it too; null when
 *     it names none (and in results recorded before standby sites)
 */
public record RequestScope(String poolUuid, String poolName, List<String> addresses, String site,
    Duration siteWorkerWait, String standbySite) {

  public RequestScope {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }

  /** Without a site. */
  public RequestScope(String poolUuid, String poolName, List<String> addresses) {
    this(poolUuid, poolName, addresses, null, null, null);
  }

  /** Without a standby site. */
  public RequestScope(String poolUuid, String poolName, List<String> addresses, String site,
      Duration siteWorkerWait) {
    this(poolUuid, poolName, addresses, site, siteWorkerWait, null);
  }
}
