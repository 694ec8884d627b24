package io.poolrescue.signing.webauthn;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A software authenticator for tests: a JDK key pair (P-256 or Ed25519) that builds authenticator
 * data and clientDataJSON and signs them as a security key does, for {@code navigator.credentials.get()}
 * and {@code create()}. Each knob is a parameter so a test changes exactly one thing.
 */
public final class SoftAuthenticator {
  public static final int UP = 0x01;
  public static final int UV = 0x04;
  static final int AT = 0x40;
  static final byte[] AAGUID = new byte[16];

  final int algorithm;
  final KeyPair pair;
  final byte[] credentialId;

  private SoftAuthenticator(int algorithm, KeyPair pair, byte[] credentialId) {
    this.algorithm = algorithm;
    this.pair = pair;
    this.credentialId = credentialId;
  }

  public static SoftAuthenticator es256() {
    return of(-7);
  }

  public static SoftAuthenticator ed25519() {
    return of(-8);
  }

  static SoftAuthenticator of(int algorithm) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm == -7 ? "EC" : "Ed25519");
      if (algorithm == -7) {
        gen.initialize(new ECGenParameterSpec("secp256r1"));
      }
      byte[] id = new byte[32];
      new SecureRandom().nextBytes(id);
      return new SoftAuthenticator(algorithm, gen.generateKeyPair(), id);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String id() {
    return b64(credentialId);
  }

  public String publicKey() {
    return b64(pair.getPublic().getEncoded());
  }

  public WebAuthnCredential credential(String person, String label) {
    return new WebAuthnCredential(person, id(), publicKey(), algorithm, label);
  }

  /** An assertion of {@code challenge} as a browser on {@code origin} returns it. */
  public WebAuthnAssertion get(byte[] challenge, String origin, String rpId, int flags, long counter) {
    return assertion(authData(rpId, flags, counter), clientData("webauthn.get", challenge, origin, ""));
  }

  /** An assertion over exactly these authenticator data and client data bytes. */
  WebAuthnAssertion assertion(byte[] authData, String clientDataJSON) {
    byte[] client = clientDataJSON.getBytes(StandardCharsets.UTF_8);
    return new WebAuthnAssertion(id(), b64(authData), b64(client), b64(sign(authData, client)));
  }

  /** What a real authenticator signs: authenticatorData || SHA-256(clientDataJSON). */
  byte[] sign(byte[] authData, byte[] clientDataJSON) {
    try {
      Signature s = Signature.getInstance(algorithm == -7 ? "SHA256withECDSA" : "Ed25519");
      s.initSign(pair.getPrivate());
      s.update(authData);
      s.update(MessageDigest.getInstance("SHA-256").digest(clientDataJSON));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** rpIdHash, flags, counter: the 37 bytes of an assertion's authenticator data. */
  static byte[] authData(String rpId, int flags, long counter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
    out.write(flags);
    out.write((int) (counter >>> 24));
    out.write((int) (counter >>> 16));
    out.write((int) (counter >>> 8));
    out.write((int) counter);
    return out.toByteArray();
  }

  /** As Chrome writes it, with {@code extra} (",\"k\":v...") before the closing brace. */
  static String clientData(String type, byte[] challenge, String origin, String extra) {
    return "{\"type\":\"" + type + "\",\"challenge\":\"" + b64(challenge) + "\",\"origin\":\"" + origin
        + "\",\"crossOrigin\":false" + extra + "}";
  }

  /** What {@code navigator.credentials.create()} returns, as the console passes it to WebAuthnEnrolment. */
  record Creation(String credentialId, String clientDataJSON, String authenticatorData, String publicKey, int algorithm) {}

  Creation create(byte[] challenge, String origin, String rpId, int flags) {
    return create("webauthn.create", challenge, origin, rpId, flags, credentialId);
  }

  Creation create(String type, byte[] challenge, String origin, String rpId, int flags, byte[] attestedId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(authData(rpId, flags, 0));
    out.writeBytes(AAGUID);
    out.write(attestedId.length >>> 8);
    out.write(attestedId.length);
    out.writeBytes(attestedId);
    out.writeBytes(coseKey());
    String client = clientData(type, challenge, origin, "");
    return new Creation(id(), b64(client.getBytes(StandardCharsets.UTF_8)), b64(out.toByteArray()), publicKey(),
        algorithm);
  }

  /** The public key as a COSE_Key CBOR map (RFC 9053): EC2 {1:2, 3:-7, -1:1, -2:x, -3:y} or OKP {1:1, 3:-8, -1:6, -2:x}. */
  byte[] coseKey() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (algorithm == -7) {
      ECPublicKey ec = (ECPublicKey) pair.getPublic();
      out.write(0xa5); // map of 5
      out.write(0x01); out.write(0x02); // kty: EC2
      out.write(0x03); out.write(0x26); // alg: -7
      out.write(0x20); out.write(0x01); // crv: P-256
      out.write(0x21); bytes(out, fixed32(ec.getW().getAffineX())); // x
      out.write(0x22); bytes(out, fixed32(ec.getW().getAffineY())); // y
    } else {
      byte[] spki = pair.getPublic().getEncoded();
      out.write(0xa4); // map of 4
      out.write(0x01); out.write(0x01); // kty: OKP
      out.write(0x03); out.write(0x27); // alg: -8
      out.write(0x20); out.write(0x06); // crv: Ed25519
      out.write(0x21); bytes(out, Arrays.copyOfRange(spki, spki.length - 32, spki.length)); // x
    }
    return out.toByteArray();
  }

  private static void bytes(ByteArrayOutputStream out, byte[] b) {
    out.write(0x58); // byte string, one-byte length
    out.write(b.length);
    out.writeBytes(b);
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] unb64(String s) {
    return Base64.getUrlDecoder().decode(s);
  }
}
