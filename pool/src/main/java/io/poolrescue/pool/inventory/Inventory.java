package io.poolrescue.pool.inventory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The worker's inventory: the pools it may act on, their hosts, and how each host's BMC and XAPI
 * are reached. It lives in the worker's configuration, never in a workflow request, so a request
 * cannot point the worker (and its credentials) at an address of its choosing.
 */
public record Inventory(List<InventoryPool> pools) {

  public Inventory {
    pools = pools == null ? List.of() : List.copyOf(pools);
  }

  /** The pool whose master, one of whose hosts or one of whose fresh installs has this address. */
  public Optional<InventoryPool> poolAt(String address) {
    return pools.stream()
        .filter(p -> p.hasAddress(address))
        .findFirst();
  }

  /** The other places a host of that address may be asked for its pool's master (see {@code PoolPeers}). */
  public List<String> peersOf(String address) {
    return poolAt(address).map(InventoryPool::memberAddresses).orElse(List.of());
  }

  public Optional<InventoryHost> host(String uuid) {
    return pools.stream().flatMap(p -> p.hosts().stream()).filter(h -> h.uuid().equals(uuid)).findFirst();
  }

  public Optional<InventoryHost> hostAt(String address) {
    return pools.stream().flatMap(p -> p.hosts().stream()).filter(h -> h.addresses().contains(address)).findFirst();
  }

  /**
   * The login of the host at this address where the inventory gives it a root password of its own:
   * the pool's user with that password reference. Empty when the host uses the pool's password.
   * Only references, never a secret.
   */
  public Optional<XapiAccess> ownXapiAccessAt(String address) {
    for (InventoryPool p : pools) {
      for (InventoryHost h : p.hosts()) {
        if (h.xapiPassword() != null && h.addresses().contains(address)) {
          return Optional.of(new XapiAccess(p.xapi().user(), h.xapiPassword(), p.xapi().tlsPinSha256()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The sites the pools name as their own or as their standby, in the order first named; empty in an
   * inventory without sites.
   */
  public Set<String> sites() {
    Set<String> sites = new LinkedHashSet<>();
    pools.forEach(p -> Stream.of(p.site(), p.standbySite()).filter(Objects::nonNull).forEach(sites::add));
    return sites;
  }

  /**
   * The part of the inventory a worker of one site serves: the pools of that site, and those that name
   * it as their standby site (a run may be moved there when its own site is gone).
   */
  public Inventory atSite(String site) {
    return new Inventory(pools.stream().filter(p -> p.servedAt(site)).toList());
  }

  public int hostCount() {
    return pools.stream().mapToInt(p -> p.hosts().size()).sum();
  }
}
