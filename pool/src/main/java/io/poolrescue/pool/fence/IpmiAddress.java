package io.poolrescue.pool.fence;

/** An IPMI-over-LAN address: {@code host}, {@code host:port} or {@code [v6]:port}; port 623 by default. */
record IpmiAddress(String host, int port) {
  static final int DEFAULT_PORT = 623;

  IpmiAddress {
    if (host == null || host.isBlank() || host.startsWith("-")) {
      throw new IllegalArgumentException("not an IPMI host: " + host);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("IPMI port out of range: " + port);
    }
  }

  static IpmiAddress parse(String address) {
    String a = address.strip();
    if (a.startsWith("[")) {
      int end = a.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("not an IPMI address: " + address);
      }
      String rest = a.substring(end + 1);
      return new IpmiAddress(a.substring(1, end), rest.startsWith(":") ? port(rest.substring(1), address) : DEFAULT_PORT);
    }
    int colon = a.indexOf(':');
    if (colon >= 0 && colon == a.lastIndexOf(':')) {
      return new IpmiAddress(a.substring(0, colon), port(a.substring(colon + 1), address));
    }
    return new IpmiAddress(a, DEFAULT_PORT); // a host name, an IPv4 or a bare IPv6 address
  }

  private static int port(String text, String address) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IPMI address: " + address);
    }
  }
}
