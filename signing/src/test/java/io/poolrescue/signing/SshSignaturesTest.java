package io.poolrescue.signing;

import static io.poolrescue.signing.SignatureRefused.Reason.BAD_SIGNATURE;
import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.UNSUPPORTED_ALGORITHM;
import static io.poolrescue.signing.SignatureRefused.Reason.WRONG_NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signatures made by the real ssh-keygen -Y sign, verified here; and what is refused, and why. */
class SshSignaturesTest {
  static final String NS = "poolrescue";
  static final byte[] MESSAGE = "approve gate g-1 of run r-1\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path dir;
  static Path ed25519;
  static Path ecdsa;
  static Path rsa;

  @BeforeAll
  static void keys() {
    ed25519 = OpenSsh.newKey(dir, "ed25519", "ed25519", 0);
    ecdsa = OpenSsh.newKey(dir, "ecdsa", "ecdsa", 256);
    rsa = OpenSsh.newKey(dir, "rsa", "rsa", 3072);
  }

  static Path key(String name) {
    return switch (name) {
      case "ed25519" -> ed25519;
      case "ecdsa" -> ecdsa;
      default -> rsa;
    };
  }

  @ParameterizedTest
  @CsvSource({"ed25519,sha512", "ed25519,sha256", "ecdsa,sha512", "ecdsa,sha256", "rsa,sha512", "rsa,sha256"})
  void acceptsWhatSshKeygenSigns(String keyName, String hash) {
    Path key = key(keyName);
    String sig = OpenSsh.sign(key, MESSAGE, NS, "hashalg=" + hash);
    VerifiedSignature v = SshSignatures.verify(sig, MESSAGE, NS);
    assertEquals(OpenSsh.publicKey(key), v.key());
    assertEquals(OpenSsh.publicKey(key).fingerprint(), v.keyFingerprint());
    assertEquals(NS, v.namespace());
    assertEquals(hash, v.hashAlgorithm());
  }

  @Test
  void acceptsAnEmptyMessageAndCrLfArmor() {
    String sig = OpenSsh.sign(ed25519, new byte[0], NS);
    assertEquals(OpenSsh.publicKey(ed25519), SshSignatures.verify(sig.replace("\n", "\r\n"), new byte[0], NS).key());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
  void refusesATamperedMessage(String keyName) {
    String sig = OpenSsh.sign(key(keyName), MESSAGE, NS);
    byte[] changed = MESSAGE.clone();
    changed[8] ^= 0x20;
    assertEquals(BAD_SIGNATURE, refusal(() -> SshSignatures.verify(sig, changed, NS)).reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
  void refusesATamperedSignature(String keyName) {
    byte[] blob = SshArmor.dearmor(OpenSsh.sign(key(keyName), MESSAGE, NS));
    SshBuffer sigBlob = new SshBuffer(SshSigTestVectors.field(blob, SshSigTestVectors.SIGNATURE));
    String alg = sigBlob.utf8();
    byte[] inner = sigBlob.string();
    inner[inner.length / 2] ^= 0x01;
    byte[] tampered = SshSigTestVectors.withField(blob, SshSigTestVectors.SIGNATURE,
        new SshEncoder().string(alg).string(inner).toByteArray());
    SignatureRefused r = refusal(() -> SshSignatures.verify(SshArmor.armor(tampered), MESSAGE, NS));
    assertTrue(r.reason() == BAD_SIGNATURE || r.reason() == MALFORMED, r.reason() + ": " + r.getMessage());
  }

  @Test
  void refusesTheWrongNamespace() {
    String sig = OpenSsh.sign(ed25519, MESSAGE, "git");
    SignatureRefused r = refusal(() -> SshSignatures.verify(sig, MESSAGE, NS));
    assertEquals(WRONG_NAMESPACE, r.reason());
    assertEquals("the signature is for namespace 'git', not 'poolrescue'", r.getMessage());
  }

  @Test
  void refusesAnotherKeyClaimingTheSignature() {
    byte[] blob = SshArmor.dearmor(OpenSsh.sign(ed25519, MESSAGE, NS));
    Path other = OpenSsh.newKey(dir, "impostor", "ed25519", 0);
    byte[] swapped = SshSigTestVectors.withField(blob, SshSigTestVectors.KEY, OpenSsh.publicKey(other).blob());
    assertEquals(BAD_SIGNATURE, refusal(() -> SshSignatures.verify(SshArmor.armor(swapped), MESSAGE, NS)).reason());
    byte[] ecdsaKey = SshSigTestVectors.withField(blob, SshSigTestVectors.KEY, OpenSsh.publicKey(ecdsa).blob());
    SignatureRefused r = refusal(() -> SshSignatures.verify(SshArmor.armor(ecdsaKey), MESSAGE, NS));
    assertEquals(BAD_SIGNATURE, r.reason());
    assertTrue(r.getMessage().contains("'ssh-ed25519' does not belong to the ecdsa-sha2-nistp256 key"), r.getMessage());
  }

  @Test
  void refusesGarbage() {
    assertEquals(MALFORMED, refusal(() -> SshSignatures.verify("hello", MESSAGE, NS)).reason());
    assertEquals(MALFORMED, refusal(() -> SshSignatures.verify(null, MESSAGE, NS)).reason());
    assertEquals(MALFORMED, refusal(() -> SshSignatures.verify(
        SshArmor.BEGIN + "\nnot base64!\n" + SshArmor.END + "\n", MESSAGE, NS)).reason());
    assertEquals(MALFORMED, refusal(() -> SshSignatures.verify(
        SshArmor.armor("SSHSIG but nothing else".getBytes(StandardCharsets.US_ASCII)), MESSAGE, NS)).reason());
    String good = OpenSsh.sign(ed25519, MESSAGE, NS);
    byte[] blob = SshArmor.dearmor(good);
    byte[] truncated = java.util.Arrays.copyOf(blob, blob.length - 3);
    assertEquals(MALFORMED, refusal(() -> SshSignatures.verify(SshArmor.armor(truncated), MESSAGE, NS)).reason());
    byte[] trailing = java.util.Arrays.copyOf(blob, blob.length + 1);
    assertEquals(MALFORMED, refusal(() -> SshSignatures.verify(SshArmor.armor(trailing), MESSAGE, NS)).reason());
    byte[] v2 = blob.clone();
    v2[9] = 2;
    SignatureRefused version = refusal(() -> SshSignatures.verify(SshArmor.armor(v2), MESSAGE, NS));
    assertEquals(MALFORMED, version.reason());
    assertTrue(version.getMessage().contains("version 2"), version.getMessage());
    byte[] magic = blob.clone();
    magic[0] = 'X';
    assertEquals(MALFORMED, refusal(() -> SshSignatures.verify(SshArmor.armor(magic), MESSAGE, NS)).reason());
  }

  @Test
  void refusesSha1AsTheMessageHash() {
    byte[] blob = SshArmor.dearmor(OpenSsh.sign(ed25519, MESSAGE, NS));
    byte[] sha1 = SshSigTestVectors.withField(blob, SshSigTestVectors.HASH, "sha1".getBytes(StandardCharsets.UTF_8));
    SignatureRefused r = refusal(() -> SshSignatures.verify(SshArmor.armor(sha1), MESSAGE, NS));
    assertEquals(UNSUPPORTED_ALGORITHM, r.reason());
    assertTrue(r.getMessage().contains("'sha1'"), r.getMessage());
  }

  /** ssh-keygen never makes ssh-rsa (SHA-1) SSHSIGs; a real SHA1withRSA signature is made here to be sure it is refused. */
  @Test
  void refusesRsaWithSha1() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    byte[] keyBlob = new SshEncoder().string("ssh-rsa").mpint(pub.getPublicExponent()).mpint(pub.getModulus()).toByteArray();
    byte[] signed = SshSigTestVectors.signedData(NS, "sha512", MESSAGE);
    Signature signer = Signature.getInstance("SHA1withRSA");
    signer.initSign(pair.getPrivate());
    signer.update(signed);
    byte[] sigBlob = new SshEncoder().string("ssh-rsa").string(signer.sign()).toByteArray();
    String armored = SshArmor.armor(SshSigTestVectors.sshsig(keyBlob, NS, "sha512", sigBlob));
    SignatureRefused r = refusal(() -> SshSignatures.verify(armored, MESSAGE, NS));
    assertEquals(UNSUPPORTED_ALGORITHM, r.reason());
    assertTrue(r.getMessage().contains("SHA-1"), r.getMessage());

    // the same key with rsa-sha2-256 is fine: the refusal is about SHA-1, not the key
    Signature sha256 = Signature.getInstance("SHA256withRSA");
    sha256.initSign(pair.getPrivate());
    sha256.update(signed);
    byte[] good = new SshEncoder().string("rsa-sha2-256").string(sha256.sign()).toByteArray();
    assertEquals("sha512", SshSignatures.verify(SshArmor.armor(SshSigTestVectors.sshsig(keyBlob, NS, "sha512", good)),
        MESSAGE, NS).hashAlgorithm());
  }

  @Test
  void refusesShortRsaKeys() {
    Path small = OpenSsh.newKey(dir, "rsa1024", "rsa", 1024);
    SignatureRefused r = refusal(() -> SshSignatures.verify(OpenSsh.sign(small, MESSAGE, NS), MESSAGE, NS));
    assertEquals(UNSUPPORTED_ALGORITHM, r.reason());
    assertTrue(r.getMessage().contains("1024 bits"), r.getMessage());
  }

  @Test
  void refusesUnsupportedKeyTypes() {
    Path p384 = OpenSsh.newKey(dir, "p384", "ecdsa", 384);
    SignatureRefused r = refusal(() -> SshSignatures.verify(OpenSsh.sign(p384, MESSAGE, NS), MESSAGE, NS));
    assertEquals(UNSUPPORTED_ALGORITHM, r.reason());
    assertTrue(r.getMessage().contains("ecdsa-sha2-nistp384"), r.getMessage());
  }

  static SignatureRefused refusal(Runnable verify) {
    return assertThrows(SignatureRefused.class, verify::run);
  }
}
