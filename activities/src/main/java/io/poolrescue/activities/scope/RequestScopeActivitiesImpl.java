package io.poolrescue.activities.scope;

import io.poolrescue.activities.XapiFailures;
import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryPool;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Compares a request's addresses with the worker's allowlist and inventory; touches no pool. */
public final class RequestScopeActivitiesImpl implements RequestScopeActivities {
  private final AddressAllowlist allowlist;
  private final Inventory inventory;
  private final Duration siteWorkerWait;

  /**
   * @param inventory null when the worker has none: then no pool is named
   * @param siteWorkerWait what a scope with a site says about waiting for the site's workers
   */
  public RequestScopeActivitiesImpl(AddressAllowlist allowlist, Inventory inventory, Duration siteWorkerWait) {
    this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
    this.inventory = inventory;
    this.siteWorkerWait = Objects.requireNonNull(siteWorkerWait, "siteWorkerWait");
  }

  /** Without sites' workers to wait for (an inventory without sites). */
  public RequestScopeActivitiesImpl(AddressAllowlist allowlist, Inventory inventory) {
    this(allowlist, inventory, DEFAULT_SITE_WORKER_WAIT);
  }

  /** How long a call waits for a worker of its site before the run says so, unless the worker sets it. */
  public static final Duration DEFAULT_SITE_WORKER_WAIT = Duration.ofMinutes(2);

  @Override
  public RequestScope check(List<String> addresses) {
    Set<String> given = new LinkedHashSet<>();
    if (addresses != null) {
      addresses.stream().filter(a -> a != null && !a.isBlank()).map(String::strip).forEach(given::add);
    }
    List<String> outside = given.stream().filter(a -> !allowlist.allows(a)).toList();
    if (!outside.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          (outside.size() == 1 ? outside.get(0) + " is not a host" : String.join(", ", outside) + " are not hosts")
              + " of the worker's inventory: the worker sends the pool's credentials only to "
              + allowlist.describe() + ", so this request is refused before any login (list the "
              + "address in the inventory, e.g. as a pool's freshAddresses for a restore)",
          XapiFailures.ADDRESS_NOT_IN_INVENTORY, outside.toArray());
    }
    if (inventory == null || given.isEmpty()) {
      return new RequestScope(null, null, List.copyOf(given));
    }
    Map<String, InventoryPool> poolOf = new LinkedHashMap<>();
    for (String a : given) {
      Optional<InventoryPool> p = inventory.poolAt(a);
      p.ifPresent(pool -> poolOf.put(a, pool));
    }
    Set<InventoryPool> pools = new LinkedHashSet<>(poolOf.values());
    if (pools.size() > 1) {
      List<String> pairs = new ArrayList<>();
      poolOf.forEach((a, p) -> pairs.add(a + "=" + p.uuid()));
      StringBuilder which = new StringBuilder();
      poolOf.forEach((a, p) -> which.append(which.length() == 0 ? "" : ", ").append(a).append(" (pool ")
          .append(p.name() == null ? "" : p.name() + " ").append(p.uuid()).append(')'));
      throw ApplicationFailure.newNonRetryableFailure(
          "the request names hosts of " + pools.size() + " different pools of the worker's inventory: " + which
              + "; one run acts on one pool",
          XapiFailures.ADDRESSES_IN_SEVERAL_POOLS, pairs.toArray());
    }
    InventoryPool pool = pools.isEmpty() ? null : pools.iterator().next();
    if (pool == null) {
      return new RequestScope(null, null, List.copyOf(given));
    }
    return new RequestScope(pool.uuid(), pool.name(), List.copyOf(given), pool.site(),
        pool.site() == null ? null : siteWorkerWait, pool.standbySite());
  }
}
