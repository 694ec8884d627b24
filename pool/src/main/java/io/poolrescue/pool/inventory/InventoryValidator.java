package io.poolrescue.pool.inventory;

import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.fence.BmcKind;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClientConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Every problem of an inventory at once, each named by where it is (pool, host, key). */
final class InventoryValidator {
  /** A site's name is part of a task queue's name ({@code pool-recovery.<site>}): kept plain. */
  static final Pattern SITE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private InventoryValidator() {}

  static List<String> problems(Inventory inventory) {
    List<String> problems = new ArrayList<>();
    if (inventory.pools().isEmpty()) {
      problems.add("no pools: list at least one under 'pools'");
    }
    Set<String> poolUuids = new HashSet<>();
    Set<String> hostUuids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    Map<String, String> owner = new HashMap<>();
    for (int i = 0; i < inventory.pools().size(); i++) {
      InventoryPool pool = inventory.pools().get(i);
      String where = "pools[" + i + "]" + (pool.name() == null ? "" : " (" + pool.name() + ")");
      if (blank(pool.uuid())) {
        problems.add(where + ": 'uuid' is required");
      } else if (!poolUuids.add(pool.uuid())) {
        problems.add(where + ": pool uuid " + pool.uuid() + " is listed twice");
      }
      if (blank(pool.master())) {
        problems.add(where + ": 'master' (the master's address) is required");
      }
      if (pool.xapi() == null) {
        problems.add(where + ": 'xapi' (user, password reference) is required");
      } else {
        reference(problems, where + ".xapi.password", pool.xapi().password());
        pin(problems, where + ".xapi.tlsPinSha256", pool.xapi().tlsPinSha256());
      }
      site(problems, where + ".site", pool.site());
      standbySite(problems, where, pool);
      for (int j = 0; j < pool.hosts().size(); j++) {
        host(problems, where + ".hosts[" + j + "]", pool.hosts().get(j), hostUuids, addresses);
      }
      for (String a : pool.freshAddresses()) {
        if (blank(a)) {
          problems.add(where + ".freshAddresses: an empty address");
        }
      }
      for (String a : pool.allAddresses()) {
        String other = owner.putIfAbsent(a, where);
        if (other != null) {
          problems.add(where + ": address " + a + " is also an address of " + other
              + " (each address belongs to one pool: the pool a request names is found by it)");
        }
      }
    }
    long sited = inventory.pools().stream().filter(p -> p.site() != null).count();
    if (sited > 0 && sited < inventory.pools().size()) {
      problems.add("'site' is given for " + sited + " of " + inventory.pools().size() + " pools: name the site of "
          + "every pool, or of none (an inventory without sites is one site)");
    }
    return problems;
  }

  private static void site(List<String> problems, String key, String site) {
    if (site != null && !SITE_NAME.matcher(site).matches()) {
      problems.add(key + ": '" + site + "' is not a site name (lower-case letters, digits, '-' and '_', "
          + "at most 63): it names the site's task queue");
    }
  }

  private static void standbySite(List<String> problems, String where, InventoryPool pool) {
    if (pool.standbySite() == null) {
      return;
    }
    site(problems, where + ".standbySite", pool.standbySite());
    if (pool.site() == null) {
      problems.add(where + ".standbySite needs the pool's own 'site': a standby stands in for it");
    } else if (pool.site().equals(pool.standbySite())) {
      problems.add(where + ".standbySite: '" + pool.standbySite() + "' is the pool's own site; name another");
    }
  }

  private static void host(List<String> problems, String where, InventoryHost host, Set<String> uuids,
      Set<String> addresses) {
    if (blank(host.uuid())) {
      problems.add(where + ": 'uuid' is required");
    } else if (!uuids.add(host.uuid())) {
      problems.add(where + ": host uuid " + host.uuid() + " is listed twice");
    }
    if (host.addresses().isEmpty()) {
      problems.add(where + ": 'addresses' needs the host's management address");
    }
    for (String a : host.addresses()) {
      if (!addresses.add(a)) {
        problems.add(where + ": address " + a + " is listed for two hosts");
      }
    }
    pin(problems, where + ".xapiTlsPinSha256", host.xapiTlsPinSha256());
    if (host.xapiPassword() != null) {
      reference(problems, where + ".xapiPassword", host.xapiPassword());
    }
    if (host.startSlots() != null && (host.startSlots() < 1 || host.startSlots() > 256)) {
      problems.add(where + ".startSlots: between 1 and 256 VM starts at once, not " + host.startSlots());
    }
    BmcConfig bmc = host.bmc();
    if (bmc == null) {
      return; // allowed: a fence step stops any run that needs this host off
    }
    if (bmc.kind() == null) {
      problems.add(where + ".bmc: 'kind' is required (redfish or ipmi)");
    }
    if (blank(bmc.address())) {
      problems.add(where + ".bmc: 'address' is required");
    } else if (bmc.kind() == BmcKind.REDFISH) {
      redfishUrl(problems, where + ".bmc.address", bmc.address());
    }
    if (blank(bmc.user())) {
      problems.add(where + ".bmc: 'user' is required");
    }
    reference(problems, where + ".bmc.password", bmc.password());
    pin(problems, where + ".bmc.tlsPinSha256", bmc.tlsPinSha256());
  }

  /** https, or http to a loopback address only (a simulated BMC): credentials never cross a network in clear. */
  private static void redfishUrl(List<String> problems, String where, String address) {
    URI uri;
    try {
      uri = URI.create(address);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": not a URL (e.g. https://10.0.1.11)");
      return;
    }
    if (uri.getHost() == null) {
      problems.add(where + ": not a URL with a host (e.g. https://10.0.1.11)");
    } else if ("http".equals(uri.getScheme())) {
      if (!loopback(uri.getHost())) {
        problems.add(where + ": http is only accepted for loopback addresses; use https");
      }
    } else if (!"https".equals(uri.getScheme())) {
      problems.add(where + ": the scheme must be https");
    }
  }

  private static boolean loopback(String host) {
    return AddressAllowlist.isLoopback(host); // from the text, never through DNS
  }

  private static void reference(List<String> problems, String where, String reference) {
    if (blank(reference)) {
      problems.add(where + ": a credential reference is required (file:<path> or env:<NAME>)");
      return;
    }
    try {
      CredentialSource.parse(reference);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }

  private static void pin(List<String> problems, String where, String pin) {
    try {
      XapiClientConfig.normaliseFingerprint(pin);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": not a SHA-256 fingerprint (64 hex digits, colons allowed)");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
