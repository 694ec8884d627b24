package io.poolrescue.pool.xapi;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a client: the JDK defaults, or a context trusting exactly the pinned certificate.
 * Shared by the XAPI client and the fence agents (BMCs have self-signed certificates too).
 */
public final class ClientTls {
  private ClientTls() {}

  /**
   * The JDK's default context when nothing is pinned; else one trusting, for each host, its own pin,
   * else the one {@code learned} gives (from the master), else the pool-wide pin.
   */
  static SSLContext context(XapiClientConfig config, Function<String, String> learned) {
    if (config.hostPins().isEmpty()) {
      return context(config.pinnedSha256());
    }
    return pinned(new PinnedCertificateTrustManager(host -> {
      String pin = host == null ? null : config.hostPins().getOrDefault(host, learned.apply(host));
      return pin != null ? pin : config.pinnedSha256();
    }));
  }

  /**
   * The JDK's default context when {@code pinSha256} is null or blank, else one trusting exactly the
   * certificate with that SHA-256 (hex, colons allowed).
   *
   * @throws IllegalArgumentException when the pin is not a SHA-256 fingerprint
   */
  public static SSLContext context(String pinSha256) {
    String pin = XapiClientConfig.normaliseFingerprint(pinSha256);
    try {
      return pin == null ? SSLContext.getDefault() : pinned(new PinnedCertificateTrustManager(pin));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static SSLContext pinned(TrustManager trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
