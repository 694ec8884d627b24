package io.poolrescue.pool.xapi;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The TLS context of a client: the JDK defaults, or a context trusting exactly the pinned certificate. */
final class ClientTls {
  private ClientTls() {}

  static SSLContext context(XapiClientConfig config) {
    try {
      if (config.pinnedSha256() == null) {
        return SSLContext.getDefault();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new PinnedCertificateTrustManager(config.pinnedSha256())},
          new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
