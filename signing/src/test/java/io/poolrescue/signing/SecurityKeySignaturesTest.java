package io.poolrescue.signing;

import static io.poolrescue.signing.SignatureRefused.Reason.BAD_SIGNATURE;
import static io.poolrescue.signing.SignatureRefused.Reason.NO_USER_PRESENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security-key (sk-) signatures without hardware: the authenticator's part is played by a JDK key,
 * signing exactly what PROTOCOL.u2f says a FIDO token signs. The real ssh-keygen checks the same
 * vectors, so they are right by OpenSSH's reading and not only by ours.
 */
class SecurityKeySignaturesTest {
  static final String NS = "poolrescue";
  static final String APPLICATION = "ssh:";
  static final byte[] MESSAGE = "decide gate g-2: approve\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path dir;
  static KeyPair ed25519;
  static KeyPair p256;

  @BeforeAll
  static void keys() throws Exception {
    ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    p256 = ec.generateKeyPair();
  }

  /** A fake authenticator for one key type. */
  record Token(String type, KeyPair pair) {
    byte[] keyBlob() {
      if (type.equals(SshKeyTypes.SK_ED25519)) {
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        return new SshEncoder().string(type).string(raw).string(APPLICATION).toByteArray();
      }
      ECPublicKey pub = (ECPublicKey) pair.getPublic();
      byte[] q = new SshEncoder().u8(4).raw(fixed32(pub.getW().getAffineX())).raw(fixed32(pub.getW().getAffineY()))
          .toByteArray();
      return new SshEncoder().string(type).string("nistp256").string(q).string(APPLICATION).toByteArray();
    }

    SshPublicKey publicKey() {
      return new SshPublicKey(type, keyBlob());
    }

    /** SHA256(application) || flags || counter || SHA256(SSHSIG signed data), signed; the SSH signature blob. */
    byte[] signatureBlob(byte[] sshsigSignedData, int flags, long counter) throws Exception {
      byte[] u2f = new SshEncoder().raw(SshSigTestVectors.digest("SHA-256", APPLICATION.getBytes(StandardCharsets.UTF_8)))
          .u8(flags).u32(counter).raw(SshSigTestVectors.digest("SHA-256", sshsigSignedData)).toByteArray();
      boolean ed = type.equals(SshKeyTypes.SK_ED25519);
      Signature s = Signature.getInstance(ed ? "Ed25519" : "SHA256withECDSA");
      s.initSign(pair.getPrivate());
      s.update(u2f);
      byte[] sig = ed ? s.sign() : SshSigTestVectors.ecdsaDerToSsh(s.sign());
      return new SshEncoder().string(type).string(sig).u8(flags).u32(counter).toByteArray();
    }

    String sign(byte[] message, int flags, long counter) throws Exception {
      byte[] signed = SshSigTestVectors.signedData(NS, "sha512", message);
      return SshArmor.armor(SshSigTestVectors.sshsig(keyBlob(), NS, "sha512", signatureBlob(signed, flags, counter)));
    }
  }

  static Token token(String type) {
    return new Token(type, type.equals(SshKeyTypes.SK_ED25519) ? ed25519 : p256);
  }

  static byte[] fixed32(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {SshKeyTypes.SK_ED25519, SshKeyTypes.SK_ECDSA_P256})
  void acceptsATouchedSignature(String type) throws Exception {
    Token t = token(type);
    VerifiedSignature v = SshSignatures.verify(t.sign(MESSAGE, 0x01, 7), MESSAGE, NS);
    assertEquals(t.publicKey(), v.key());
    assertEquals(type, v.key().type());
    // the key reads back from its OpenSSH line like any other
    assertEquals(t.publicKey(), SshPublicKey.parse(t.publicKey().toOpenSsh() + " fido"));
  }

  @ParameterizedTest
  @ValueSource(strings = {SshKeyTypes.SK_ED25519, SshKeyTypes.SK_ECDSA_P256})
  void refusesAnUntouchedSignature(String type) throws Exception {
    SignatureRefused r = assertThrows(SignatureRefused.class,
        () -> SshSignatures.verify(token(type).sign(MESSAGE, 0x00, 7), MESSAGE, NS));
    assertEquals(NO_USER_PRESENCE, r.reason());
    assertTrue(r.getMessage().contains("without the user touching it"), r.getMessage());
    // user verification (0x04) alone is not presence either
    assertEquals(NO_USER_PRESENCE, assertThrows(SignatureRefused.class,
        () -> SshSignatures.verify(token(type).sign(MESSAGE, 0x04, 7), MESSAGE, NS)).reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {SshKeyTypes.SK_ED25519, SshKeyTypes.SK_ECDSA_P256})
  void refusesATamperedCounterOrFlags(String type) throws Exception {
    Token t = token(type);
    byte[] signed = SshSigTestVectors.signedData(NS, "sha512", MESSAGE);
    byte[] sigBlob = t.signatureBlob(signed, 0x01, 7);
    byte[] counter = sigBlob.clone();
    counter[counter.length - 1] = 8;
    assertEquals(BAD_SIGNATURE, refuse(t, counter).reason());
    byte[] untouched = t.signatureBlob(signed, 0x00, 7);
    untouched[untouched.length - 5] = 0x01; // claim a touch the token did not sign
    assertEquals(BAD_SIGNATURE, refuse(t, untouched).reason());
    byte[] message = MESSAGE.clone();
    message[0] ^= 1;
    assertEquals(BAD_SIGNATURE, assertThrows(SignatureRefused.class,
        () -> SshSignatures.verify(t.sign(MESSAGE, 0x01, 7), message, NS)).reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {SshKeyTypes.SK_ED25519, SshKeyTypes.SK_ECDSA_P256})
  void theApplicationIsPartOfTheKey(String type) throws Exception {
    Token t = token(type);
    byte[] otherApp = new SshEncoder().raw(Arrays.copyOf(t.keyBlob(), t.keyBlob().length - 4 - APPLICATION.length()))
        .string("ssh:other").toByteArray();
    assertNotEquals(t.publicKey(), new SshPublicKey(type, otherApp));
    byte[] blob = SshArmor.dearmor(t.sign(MESSAGE, 0x01, 7));
    byte[] moved = SshSigTestVectors.withField(blob, SshSigTestVectors.KEY, otherApp);
    assertEquals(BAD_SIGNATURE, assertThrows(SignatureRefused.class,
        () -> SshSignatures.verify(SshArmor.armor(moved), MESSAGE, NS)).reason());
  }

  /** ssh-keygen agrees: the hand-made vectors verify there, a changed counter does not. */
  @ParameterizedTest
  @ValueSource(strings = {SshKeyTypes.SK_ED25519, SshKeyTypes.SK_ECDSA_P256})
  void sshKeygenAcceptsTheSameVectors(String type) throws Exception {
    Token t = token(type);
    Path signers = OpenSsh.write(dir.resolve(type + ".allowed"), "alice@example.com " + t.publicKey().toOpenSsh() + "\n");
    Path good = OpenSsh.write(dir.resolve(type + ".sig"), t.sign(MESSAGE, 0x01, 7));
    OpenSsh.Result ok = OpenSsh.verify(signers, "alice@example.com", NS, good, MESSAGE, "20260101Z");
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(SshSignatures.verify(t.sign(MESSAGE, 0x01, 7), MESSAGE, NS, "alice@example.com",
        AllowedSigners.parse("alice@example.com " + t.publicKey().toOpenSsh()), Instant.parse("2026-01-01T00:00:00Z"))
        .key().equals(t.publicKey()));

    byte[] signed = SshSigTestVectors.signedData(NS, "sha512", MESSAGE);
    byte[] counter = t.signatureBlob(signed, 0x01, 7);
    counter[counter.length - 1] = 8;
    Path bad = OpenSsh.write(dir.resolve(type + ".bad.sig"),
        SshArmor.armor(SshSigTestVectors.sshsig(t.keyBlob(), NS, "sha512", counter)));
    assertNotEquals(0, OpenSsh.verify(signers, "alice@example.com", NS, bad, MESSAGE, "20260101Z").exit());

    // Where poolrescue is stricter: ssh-keygen -Y verify (9.2) accepts an untouched signature; sshd
    // would refuse it by default, and so does poolrescue (NO_USER_PRESENCE, above).
    Path untouched = OpenSsh.write(dir.resolve(type + ".up.sig"), t.sign(MESSAGE, 0x00, 7));
    assertEquals(0, OpenSsh.verify(signers, "alice@example.com", NS, untouched, MESSAGE, "20260101Z").exit());
  }

  private static SignatureRefused refuse(Token t, byte[] sigBlob) {
    String armored = SshArmor.armor(SshSigTestVectors.sshsig(t.keyBlob(), NS, "sha512", sigBlob));
    return assertThrows(SignatureRefused.class, () -> SshSignatures.verify(armored, MESSAGE, NS));
  }
}
