package io.poolrescue.pool.inventory;

import io.poolrescue.pool.AddressAllowlist;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One pool of the inventory.
 *
 * @param master the address of the pool master the worker logs in to first (it follows
 *     {@code HOST_IS_SLAVE} from there, to hosts of the inventory only)
 * @param freshAddresses addresses of machines that are not hosts of the pool yet but will be: fresh
 *     installs a {@code PoolRestore} rebuilds the pool on, hosts to join. The worker may log in there
 *     (they count as this pool's); nothing there is fenced. May be left out.
 * @param site the site (datacenter) whose workers reach this pool: its activities run on that site's
 *     task queue. Null in an inventory without sites (one site, the shared queue).
 * @param standbySite another site whose workers also reach this pool's XAPI, its BMCs and what its
 *     storage needs (a stretched or replicated setup): a run whose own site has no worker may be moved
 *     there behind a gate, where the approval policy allows it. Its workers serve this pool too. Null:
 *     none.
 */
public record InventoryPool(String uuid, String name, String master, XapiAccess xapi, List<InventoryHost> hosts,
    List<String> freshAddresses, String site, String standbySite) {

  public InventoryPool {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    freshAddresses = freshAddresses == null ? List.of() : List.copyOf(freshAddresses);
  }

  public InventoryPool(String uuid, String name, String master, XapiAccess xapi, List<InventoryHost> hosts) {
    this(uuid, name, master, xapi, hosts, List.of(), null);
  }

  public InventoryPool(String uuid, String name, String master, XapiAccess xapi, List<InventoryHost> hosts,
      List<String> freshAddresses) {
    this(uuid, name, master, xapi, hosts, freshAddresses, null);
  }

  public InventoryPool(String uuid, String name, String master, XapiAccess xapi, List<InventoryHost> hosts,
      List<String> freshAddresses, String site) {
    this(uuid, name, master, xapi, hosts, freshAddresses, site, null);
  }

  /** The same pool with these fresh-install addresses. */
  public InventoryPool withFreshAddresses(List<String> addresses) {
    return new InventoryPool(uuid, name, master, xapi, hosts, addresses, site, standbySite);
  }

  /** The same pool at this site. */
  public InventoryPool atSite(String siteName) {
    return new InventoryPool(uuid, name, master, xapi, hosts, freshAddresses, siteName, standbySite);
  }

  /** The same pool with this standby site. */
  public InventoryPool withStandbySite(String siteName) {
    return new InventoryPool(uuid, name, master, xapi, hosts, freshAddresses, site, siteName);
  }

  /** True when the workers of {@code siteName} serve this pool: its own site or its standby site. */
  public boolean servedAt(String siteName) {
    return siteName != null && (siteName.equals(site) || siteName.equals(standbySite));
  }

  /** Every address the worker may log in to for this pool, normalized: master, hosts, fresh installs. */
  public Set<String> allAddresses() {
    Set<String> all = new LinkedHashSet<>(memberAddresses());
    freshAddresses.forEach(a -> add(all, a));
    return all;
  }

  /**
   * The addresses at which a member of this pool may answer, normalized: its recorded master first,
   * then its hosts; fresh installs are left out (each is the master of a pool of its own).
   */
  public List<String> memberAddresses() {
    Set<String> all = new LinkedHashSet<>();
    add(all, master);
    hosts.forEach(h -> h.addresses().forEach(a -> add(all, a)));
    return List.copyOf(all);
  }

  /** True when {@code address} is one of {@link #allAddresses()} (compared normalized). */
  public boolean hasAddress(String address) {
    return address != null && !address.isBlank() && allAddresses().contains(AddressAllowlist.normalize(address));
  }

  private static void add(Set<String> all, String address) {
    if (address != null && !address.isBlank()) {
      all.add(AddressAllowlist.normalize(address));
    }
  }
}
