package io.poolrescue.simulator.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A private key and its certificate: what one simulated server presents in the TLS handshake. */
public record TlsIdentity(PrivateKey key, X509Certificate certificate) {

  /** A fresh EC P-256 key and a self-signed certificate for one IP address. */
  public static TlsIdentity generate(String commonName, String ipAddress) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = gen.generateKeyPair();
      return new TlsIdentity(keys.getPrivate(), SelfSignedCertificate.create(keys, commonName, List.of(ipAddress)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is part of every JRE", e);
    }
  }

  /** A server-side TLS context presenting only this identity. */
  public SSLContext sslContext() {
    try {
      char[] none = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, none);
      store.setKeyEntry("server", key, none, new Certificate[] {certificate});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, none);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context from a generated identity", e);
    }
  }

  /** The certificate as PEM, as {@code host.get_server_certificate} returns it. */
  public String pem() {
    return pem(certificate);
  }

  /** Lower-case hex SHA-256 of the DER certificate: what an operator pins. */
  public String sha256() {
    return sha256(certificate);
  }

  public static String pem(X509Certificate cert) {
    try {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
          .encodeToString(cert.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate always encodes", e);
    }
  }

  public static String sha256(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "TlsIdentity[" + certificate.getSubjectX500Principal() + ", sha256=" + sha256() + "]";
  }
}
