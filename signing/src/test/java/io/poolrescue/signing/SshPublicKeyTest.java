package io.poolrescue.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys made by the real ssh-keygen, read back and fingerprinted as ssh-keygen -lf does. */
class SshPublicKeyTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"ed25519,0,ssh-ed25519", "ecdsa,256,ecdsa-sha2-nistp256", "rsa,3072,ssh-rsa"})
  void readsWhatSshKeygenWritesAndFingerprintsLikeIt(String type, int bits, String sshType) throws Exception {
    Path key = OpenSsh.newKey(dir, "k", type, bits);
    String pubLine = Files.readString(dir.resolve("k.pub")).strip();
    SshPublicKey pub = SshPublicKey.parse(pubLine);

    assertEquals(sshType, pub.type());
    OpenSsh.Result lf = OpenSsh.keygen(new byte[0], "-l", "-E", "sha256", "-f", dir.resolve("k.pub").toString());
    assertEquals(0, lf.exit(), lf.err());
    assertEquals(lf.out().split(" ")[1], pub.fingerprint(), "ssh-keygen -lf prints: " + lf.out());
    String[] fields = pubLine.split(" ");
    assertEquals(fields[0] + " " + fields[1], pub.toOpenSsh());
    assertEquals(pub, SshPublicKey.parse(pub.toOpenSsh()));
    assertEquals(pub.hashCode(), SshPublicKey.parse(pub.toOpenSsh()).hashCode());
    assertNotEquals(pub, OpenSsh.publicKey(OpenSsh.newKey(dir, "other", type, bits)));
    assertTrue(key.toFile().exists());
  }

  @Test
  void theBlobCannotBeChangedFromOutside() {
    SshPublicKey key = SshPublicKey.parse(ed25519Line());
    byte[] blob = key.blob();
    blob[blob.length - 1] ^= 1;
    assertNotEquals(Base64.getEncoder().encodeToString(blob), key.toOpenSsh().split(" ")[1]);
    assertArrayEquals(SshPublicKey.parse(ed25519Line()).blob(), key.blob());
  }

  @Test
  void refusesWhatIsNotAKey() {
    assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse(""));
    assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse("ssh-ed25519"));
    assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse("ssh-ed25519 not*base64"));
    String b64 = ed25519Line().split(" ")[1];
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> SshPublicKey.parse("ssh-rsa " + b64));
    assertTrue(label.getMessage().contains("labelled ssh-rsa"), label.getMessage());
    byte[] shortKey = new SshEncoder().string("ssh-ed25519").string(new byte[31]).toByteArray();
    assertThrows(IllegalArgumentException.class,
        () -> SshPublicKey.parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(shortKey)));
    byte[] point = new byte[65];
    point[0] = 4;
    point[64] = 1; // (0, 1) is not on P-256
    byte[] offCurve = new SshEncoder().string("ecdsa-sha2-nistp256").string("nistp256").string(point).toByteArray();
    IllegalArgumentException curve = assertThrows(IllegalArgumentException.class,
        () -> SshPublicKey.parse("ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(offCurve)));
    assertTrue(curve.getMessage().contains("not on the curve"), curve.getMessage());
  }

  @Test
  void keysOfOtherKnownTypesAreReadButNotChecked() {
    byte[] blob = new SshEncoder().string("ssh-dss").string(new byte[] {1, 2, 3}).toByteArray();
    SshPublicKey dss = SshPublicKey.parse("ssh-dss " + Base64.getEncoder().encodeToString(blob) + " old key");
    assertEquals("ssh-dss", dss.type());
  }

  private String ed25519Line() {
    if (!Files.exists(dir.resolve("e.pub"))) {
      OpenSsh.newKey(dir, "e", "ed25519", 0);
    }
    try {
      return Files.readString(dir.resolve("e.pub")).strip();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
