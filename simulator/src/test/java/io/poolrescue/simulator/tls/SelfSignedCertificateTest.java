package io.poolrescue.simulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

  @Test
  void aGeneratedCertificateIsAValidSelfSignedV3ForItsAddress() throws Exception {
    TlsIdentity id = TlsIdentity.generate("poolrescue test", "127.0.10.7");
    X509Certificate c = id.certificate();
    assertEquals(3, c.getVersion());
    c.checkValidity();
    c.verify(c.getPublicKey()); // signed by its own key
    assertEquals("CN=poolrescue test", c.getSubjectX500Principal().getName());
    assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
    assertEquals("SHA256withECDSA", c.getSigAlgName());
    assertEquals(-1, c.getBasicConstraints(), "not a CA");
    List<?> san = c.getSubjectAlternativeNames().iterator().next();
    assertEquals(7, san.get(0), "an iPAddress name");
    assertEquals(InetAddress.getByName("127.0.10.7").getHostAddress(), san.get(1));
  }

  @Test
  void itsPemParsesBackToTheSameCertificate() {
    TlsIdentity id = TlsIdentity.generate("pem", "127.0.0.1");
    assertTrue(id.pem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    assertEquals(id.certificate(), TlsProbe.parsePem(id.pem()));
    assertEquals(64, id.sha256().length());
  }

  @Test
  void twoIdentitiesDiffer() {
    assertNotEquals(TlsIdentity.generate("a", "127.0.0.1").sha256(), TlsIdentity.generate("a", "127.0.0.1").sha256());
  }

  @Test
  void derLengthsAndOidsAreEncodedAsX690Says() {
    assertEquals("06062a8648ce3d04", hex(Der.oid("1.2.840.10045.4")).substring(0, 16));
    byte[] big = Der.tlv(0x04, new byte[300]);
    assertEquals("04820" + "12c", hex(big).substring(0, 8));
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
