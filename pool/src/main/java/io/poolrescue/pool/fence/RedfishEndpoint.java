package io.poolrescue.pool.fence;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The origin of one Redfish service ({@code https://host:port}). Every link the service returns is
 * resolved against it and must stay on it: credentials are never sent to another host.
 */
record RedfishEndpoint(URI origin) {
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  /** Parses the target's address; {@code https://} is assumed when no scheme is given. */
  static RedfishEndpoint parse(String address) {
    URI uri;
    try {
      uri = URI.create(address.contains("://") ? address : "https://" + address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Redfish address: " + address);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("not a Redfish address (no host): " + address);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("a Redfish address holds no credentials (user and password are separate)");
    }
    if (scheme.equals("http")) {
      if (!isLoopback(uri.getHost())) {
        throw new IllegalArgumentException("refusing plain http:// to the BMC at " + uri.getHost()
            + ": credentials would cross the network in clear; use https:// (http:// is for loopback only)");
      }
    } else if (!scheme.equals("https")) {
      throw new IllegalArgumentException("a Redfish address is https:// (or http:// on loopback), not " + address);
    }
    return new RedfishEndpoint(URI.create(scheme + "://" + uri.getRawAuthority()));
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || LOOPBACK_V4.matcher(h).matches();
  }

  URI serviceRoot() {
    return origin.resolve("/redfish/v1/");
  }

  /** Resolves a link of the service ({@code @odata.id}, {@code Location}, action target). */
  URI resolve(String link) {
    URI uri;
    try {
      uri = origin.resolve(link);
    } catch (IllegalArgumentException e) {
      throw new BmcUnavailable("the BMC returned a malformed link");
    }
    if (!origin.getScheme().equalsIgnoreCase(uri.getScheme())
        || !origin.getRawAuthority().equalsIgnoreCase(String.valueOf(uri.getRawAuthority()))) {
      throw new BmcUnavailable("the BMC returned a link to another host (" + uri.getHost() + "); not followed");
    }
    return uri;
  }

  @Override
  public String toString() {
    return origin.toString();
  }
}
