package io.poolrescue.pool;

import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryPool;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses the worker may log in to with the pool's credentials: the hosts of its inventory, or
 * without one only its {@code --xapi} host. A request or a {@code HOST_IS_SLAVE} reply naming any
 * other address gets no connection at all, so the root password never goes where a request points.
 *
 * <p>Addresses are compared in one normalized form (trimmed, lower case, IPv6 brackets dropped and
 * IP literals in canonical form), never through DNS: a name is only equal to itself.
 */
public final class AddressAllowlist {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Set<String> addresses;
  private final boolean anyLoopback;
  private final String source;

  private AddressAllowlist(Set<String> addresses, boolean anyLoopback, String source) {
    this.addresses = Set.copyOf(addresses);
    this.anyLoopback = anyLoopback;
    this.source = source;
  }

  /** Exactly these addresses (blank entries are ignored). */
  public static AddressAllowlist of(Collection<String> addresses) {
    return of(addresses, "the given addresses");
  }

  /** Exactly these addresses; {@code source} says where they come from, for messages. */
  public static AddressAllowlist of(Collection<String> addresses, String source) {
    Set<String> set = new LinkedHashSet<>();
    for (String a : addresses) {
      if (a != null && !a.isBlank()) {
        set.add(normalize(a));
      }
    }
    return new AddressAllowlist(set, false, source);
  }

  /** Every address of every host of every pool, each pool's master and its fresh-install addresses. */
  public static AddressAllowlist fromInventory(Inventory inventory) {
    Set<String> set = new LinkedHashSet<>();
    for (InventoryPool pool : inventory.pools()) {
      set.addAll(pool.allAddresses());
    }
    return of(set, "the worker's inventory");
  }

  /**
   * Any loopback address and nothing else: the default of a connector configured without an
   * allowlist (tests, the simulator on 127.0.x.y), so credentials cannot leave the machine.
   */
  public static AddressAllowlist loopback() {
    return new AddressAllowlist(Set.of(), true, "loopback addresses only");
  }

  public boolean allows(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    String a = normalize(address);
    return addresses.contains(a) || (anyLoopback && isLoopback(a));
  }

  /** Throws {@link AddressNotAllowedException} unless {@code address} is allowed. */
  public void require(String address) {
    if (!allows(address)) {
      throw AddressNotAllowedException.notAllowed(address, this);
    }
  }

  /** The listed addresses, normalized (empty for {@link #loopback()}). */
  public Set<String> addresses() {
    return addresses;
  }

  public int size() {
    return addresses.size();
  }

  /** True when everything allowed is a loopback address, so plain http cannot cross a network. */
  public boolean loopbackOnly() {
    return addresses.stream().allMatch(AddressAllowlist::isLoopback);
  }

  /** The listed addresses that are not loopback ones. */
  public Set<String> nonLoopback() {
    Set<String> out = new LinkedHashSet<>();
    addresses.stream().filter(a -> !isLoopback(a)).forEach(out::add);
    return out;
  }

  /** Where the addresses come from, e.g. "the worker's inventory". */
  public String source() {
    return source;
  }

  /** For logs and {@code --check-config}. */
  public String describe() {
    return anyLoopback ? "loopback addresses" : "the " + addresses.size() + " address(es) of " + source;
  }

  @Override
  public String toString() {
    return "AddressAllowlist[" + describe() + "]";
  }

  /** Trimmed, lower case, without IPv6 brackets, IP literals canonical; names stay as they are. */
  public static String normalize(String address) {
    String a = address.strip().toLowerCase(Locale.ROOT);
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (IPV4.matcher(a).matches() || a.contains(":")) {
      InetAddress ip = literal(a);
      if (ip != null) {
        return ip.getHostAddress().toLowerCase(Locale.ROOT);
      }
    }
    return a;
  }

  /** 127.0.0.0/8, ::1 or {@code localhost}; decided from the text, never through DNS. */
  public static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    String a = normalize(address);
    if (a.equals("localhost")) {
      return true;
    }
    if (!IPV4.matcher(a).matches() && !a.contains(":")) {
      return false;
    }
    InetAddress ip = literal(a);
    return ip != null && ip.isLoopbackAddress();
  }

  /** An IP literal parsed without any lookup, or null when the text is not one. */
  private static InetAddress literal(String a) {
    if (IPV4.matcher(a).matches()) {
      for (String part : a.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    } else if (!a.matches("[0-9a-f:.%]+")) {
      return null; // not an IPv6 literal either: getByName would resolve it
    }
    try {
      return InetAddress.getByName(a);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
