package io.poolrescue.pool.xapi;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the server certificate pinned for the peer, named by the SHA-256 of its DER
 * encoding. This is how XenServer / XCP-ng pools are usually reached: each host has a self-signed
 * certificate that no CA vouches for. Host names are not checked because the pin names the
 * certificate itself; it is an {@link X509ExtendedTrustManager} so that the JDK does not add its own
 * host name check on top. A peer without a pin is refused.
 */
final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {
  /** Peer host (as the connection names it; null when unknown) to its pin, or null. */
  private final Function<String, String> pinOf;

  PinnedCertificateTrustManager(String expectedSha256Hex) {
    this(host -> expectedSha256Hex);
  }

  PinnedCertificateTrustManager(Function<String, String> pinOf) {
    this.pinOf = pinOf;
  }

  static String sha256(X509Certificate cert) throws CertificateEncodingException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private void check(X509Certificate[] chain, String host) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    String expectedSha256 = pinOf.apply(host);
    if (expectedSha256 == null) {
      throw new CertificateException("no certificate is pinned for " + host);
    }
    chain[0].checkValidity();
    String actual = sha256(chain[0]);
    if (!actual.equals(expectedSha256)) {
      throw new CertificateException(
          "server certificate SHA-256 " + actual + " does not match the pinned " + expectedSha256);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, socket == null || socket.getInetAddress() == null ? null : socket.getInetAddress().getHostAddress());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, engine == null ? null : engine.getPeerHost());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("this trust manager only verifies servers");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager only verifies servers");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager only verifies servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
