package io.poolrescue.pool.xapi;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a client: the JDK defaults, or a context trusting exactly the pinned certificate.
 * Shared by the XAPI client and the fence agents (BMCs have self-signed certificates too).
 */
public final class ClientTls {
  private ClientTls() {}

  static SSLContext context(XapiClientConfig config) {
    return context(config.pinnedSha256());
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
      if (pin == null) {
        return SSLContext.getDefault();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new PinnedCertificateTrustManager(pin)},
          new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
