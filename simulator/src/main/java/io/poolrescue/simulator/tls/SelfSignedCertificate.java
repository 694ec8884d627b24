package io.poolrescue.simulator.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A minimal self-signed X.509 v3 certificate for an EC P-256 key, signed SHA256withECDSA, with one
 * CN and IP subject alternative names. The JDK can sign and parse certificates but has no public
 * API to build one; this small DER writer avoids a BouncyCastle dependency for the simulator.
 * The result is parsed back by the JDK's CertificateFactory, which checks the encoding.
 */
public final class SelfSignedCertificate {
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificate() {}

  /** Valid from a day ago for ten years, so clock skew between test processes does not matter. */
  public static X509Certificate create(KeyPair keys, String commonName, List<String> ipAddresses) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
        Der.integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
        algorithm,
        name,
        Der.sequence(Der.time(now.minusDays(1)), Der.time(now.plusYears(10))),
        name,
        keys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
        Der.explicit(3, Der.sequence(basicConstraints(), subjectAltNames(ipAddresses))));
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] cert = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(cert));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a self-signed certificate for " + commonName, e);
    }
  }

  private static byte[] basicConstraints() {
    return Der.sequence(Der.oid(BASIC_CONSTRAINTS), Der.octetString(Der.sequence())); // cA false
  }

  private static byte[] subjectAltNames(List<String> ipAddresses) {
    byte[][] names = new byte[ipAddresses.size()][];
    for (int i = 0; i < names.length; i++) {
      try {
        names[i] = Der.tlv(0x87, InetAddress.getByName(ipAddresses.get(i)).getAddress()); // [7] iPAddress
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + ipAddresses.get(i), e);
      }
    }
    return Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(Der.sequence(names)));
  }
}
