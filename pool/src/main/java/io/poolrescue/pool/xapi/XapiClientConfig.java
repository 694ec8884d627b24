package io.poolrescue.pool.xapi;

import io.poolrescue.pool.AddressAllowlist;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach and log in to a pool's XAPI. The address is given per connection (see
 * {@link XapiConnector}); everything else is shared: the scheme and port every host answers on, the
 * user, where the password is read from, an optional pinned certificate, timeouts.
 *
 * @param scheme {@code https} (real pools) or {@code http} (the loopback simulator)
 * @param port the port every host of the pool listens on (443 on a real pool)
 * @param user the XAPI user, usually {@code root}
 * @param credentials where the password is read at login time
 * @param pinnedSha256 hex SHA-256 of the pool's leaf certificate (colons allowed); when set, exactly
 *     that certificate is trusted, otherwise the JDK trust store and host name checks apply
 * @param hostPins address to the SHA-256 of that host's own certificate (each XenServer host has
 *     one); when not empty, a host without an entry gets the pin its master reports for it
 *     ({@code host.get_server_certificate}, see {@link XapiConnector}), else {@code pinnedSha256}
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout how long an ordinary call may wait for its reply
 * @param longCallTimeout how long a long synchronous call ({@code pool.enable_ha}, {@code VM.start_on},
 *     {@code PBD.plug}, ...) or an HTTP handler's transfer may wait for its reply; raised to {@code readTimeout} if shorter
 * @param taskTimeout how long an HTTP handler's task may stay pending
 * @param pickUpTimeout how long the task of an upload whose connection dropped may stay pending before
 *     the upload is taken as never received (a host that read it finishes or fails its task)
 * @param allowlist the only addresses the connector connects and logs in to (see
 *     {@link AddressAllowlist}); null means loopback addresses only. With {@code http} every address
 *     it allows must be a loopback one: the password would cross a network in clear.
 * @param poolPeers the other known addresses of a host's pool (from the worker's inventory): where a
 *     client asks for the master of a host that cannot name it itself (see {@link PoolPeers})
 */
public record XapiClientConfig(
    String scheme,
    int port,
    String user,
    CredentialSource credentials,
    String pinnedSha256,
    Map<String, String> hostPins,
    Duration connectTimeout,
    Duration readTimeout,
    Duration longCallTimeout,
    Duration taskTimeout,
    Duration pickUpTimeout,
    AddressAllowlist allowlist,
    PoolPeers poolPeers) {

  public XapiClientConfig {
    scheme = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("scheme must be http or https, not " + scheme);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("a user is required");
    }
    Objects.requireNonNull(credentials, "credentials");
    pinnedSha256 = normaliseFingerprint(pinnedSha256);
    Map<String, String> pins = new LinkedHashMap<>();
    (hostPins == null ? Map.<String, String>of() : hostPins).forEach((a, p) -> pins.put(a, normaliseFingerprint(p)));
    hostPins = Collections.unmodifiableMap(pins);
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(longCallTimeout, "longCallTimeout");
    longCallTimeout = longCallTimeout.compareTo(readTimeout) < 0 ? readTimeout : longCallTimeout;
    requirePositive(taskTimeout, "taskTimeout");
    requirePositive(pickUpTimeout, "pickUpTimeout");
    allowlist = allowlist == null ? AddressAllowlist.loopback() : allowlist;
    poolPeers = poolPeers == null ? PoolPeers.NONE : poolPeers;
    if (scheme.equals("http") && !allowlist.loopbackOnly()) {
      throw new IllegalArgumentException("http sends the pool password in clear, so it is accepted for loopback "
          + "addresses only (127.0.0.0/8, ::1, localhost), not for " + String.join(", ", allowlist.nonLoopback())
          + "; use https");
    }
  }

  /**
   * Throws {@link io.poolrescue.pool.AddressNotAllowedException} unless the allowlist has {@code address}:
   * called before any connection to it.
   */
  public void requireAllowed(String address) {
    allowlist.require(address);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A config from a base URL such as {@code https://10.0.0.1} or {@code http://127.0.10.1:8080}:
   * the scheme and port are kept (defaults 443 / 80), the host part becomes irrelevant because each
   * connection names its own address.
   */
  public static Builder fromUrl(String url) {
    URI uri = URI.create(url.contains("://") ? url : "https://" + url);
    String scheme = uri.getScheme();
    int port = uri.getPort() > 0 ? uri.getPort() : ("http".equalsIgnoreCase(scheme) ? 80 : 443);
    return builder().scheme(scheme).port(port);
  }

  /** The base URI of one host: {@code scheme://address:port}. */
  public URI baseUri(String address) {
    String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    return URI.create(scheme + "://" + host + ":" + port);
  }

  /** Lower-case hex without separators, or null when nothing is pinned. */
  public static String normaliseFingerprint(String fingerprint) {
    if (fingerprint == null || fingerprint.isBlank()) {
      return null;
    }
    String hex = fingerprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (hex.startsWith("sha256/")) {
      hex = hex.substring("sha256/".length());
    }
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes (64 hex digits), got " + fingerprint);
    }
    HexFormat.of().parseHex(hex); // rejects non-hex digits with a clear message
    return hex;
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }

  /** The read timeouts by kind of call. */
  ReadTimeouts readTimeouts() {
    return new ReadTimeouts(readTimeout, longCallTimeout);
  }

  /**
   * Defaults: https on 443, user root, 5 s connect, 60 s read (10 min for long calls and transfers),
   * 10 min task, 30 s for a dropped upload's task to leave pending, loopback addresses only.
   */
  public static final class Builder {
    private String scheme = "https";
    private int port = 443;
    private String user = "root";
    private CredentialSource credentials;
    private String pinnedSha256;
    private final Map<String, String> hostPins = new LinkedHashMap<>();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration longCallTimeout = Duration.ofMinutes(10);
    private Duration taskTimeout = Duration.ofMinutes(10);
    private Duration pickUpTimeout = Duration.ofSeconds(30);
    private AddressAllowlist allowlist;
    private PoolPeers poolPeers;

    private Builder() {}

    public Builder scheme(String scheme) { this.scheme = scheme; return this; }
    public Builder port(int port) { this.port = port; return this; }
    public Builder user(String user) { this.user = user; return this; }
    public Builder credentials(CredentialSource credentials) { this.credentials = credentials; return this; }
    public Builder credentials(String reference) { return credentials(CredentialSource.parse(reference)); }
    public Builder pinnedSha256(String fingerprint) { this.pinnedSha256 = fingerprint; return this; }
    public Builder pinnedSha256(String address, String fingerprint) { hostPins.put(address, fingerprint); return this; }
    public Builder connectTimeout(Duration d) { this.connectTimeout = d; return this; }
    public Builder readTimeout(Duration d) { this.readTimeout = d; return this; }
    public Builder longCallTimeout(Duration d) { this.longCallTimeout = d; return this; }
    public Builder taskTimeout(Duration d) { this.taskTimeout = d; return this; }
    public Builder pickUpTimeout(Duration d) { this.pickUpTimeout = d; return this; }
    public Builder allowlist(AddressAllowlist a) { this.allowlist = a; return this; }
    public Builder poolPeers(PoolPeers p) { this.poolPeers = p; return this; }

    public XapiClientConfig build() {
      return new XapiClientConfig(
          scheme, port, user, credentials, pinnedSha256, hostPins, connectTimeout, readTimeout, longCallTimeout,
          taskTimeout, pickUpTimeout, allowlist, poolPeers);
    }
  }
}
