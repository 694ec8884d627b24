package io.poolrescue.signing.webauthn;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** The two COSE algorithms accepted, their keys (SubjectPublicKeyInfo DER) and signatures, with the JDK's crypto. */
final class WebAuthnCrypto {
  /** COSE ES256: ECDSA on P-256 with SHA-256, the signature in DER. */
  static final int ES256 = -7;
  /** COSE EdDSA: here only Ed25519, the signature its raw 64 bytes. */
  static final int EDDSA = -8;

  private static final ECParameterSpec P256 = p256();

  private WebAuthnCrypto() {}

  static boolean supported(int algorithm) {
    return algorithm == ES256 || algorithm == EDDSA;
  }

  static String name(int algorithm) {
    return switch (algorithm) {
      case ES256 -> "ES256";
      case EDDSA -> "EdDSA";
      default -> "COSE algorithm " + algorithm;
    };
  }

  /** The key, or IllegalArgumentException saying why {@code spki} is not a key of {@code algorithm}. */
  static PublicKey publicKey(byte[] spki, int algorithm) {
    if (!supported(algorithm)) {
      throw new IllegalArgumentException("algorithm " + algorithm + " is not accepted: only -7 (ES256) and -8 (EdDSA)");
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance(algorithm == ES256 ? "EC" : "Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the public key is not a SubjectPublicKeyInfo of an "
          + (algorithm == ES256 ? "EC" : "Ed25519") + " key (" + name(algorithm) + ")", e);
    }
    if (algorithm == ES256 && !(key instanceof ECPublicKey ec && sameCurve(ec.getParams(), P256))) {
      throw new IllegalArgumentException("an ES256 public key must be on the P-256 curve (secp256r1)");
    }
    if (algorithm == EDDSA && !(key instanceof EdECPublicKey ed && ed.getParams().getName().equals("Ed25519"))) {
      throw new IllegalArgumentException("an EdDSA public key must be an Ed25519 key");
    }
    // one encoding for one key: no explicit curve parameters, no trailing bytes
    if (!Arrays.equals(key.getEncoded(), spki)) {
      throw new IllegalArgumentException("the public key is not in its standard DER form (named curve, nothing after it)");
    }
    return key;
  }

  /** Whether {@code signature} is {@code key}'s signature of {@code data} with {@code algorithm}. */
  static boolean verify(PublicKey key, int algorithm, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm == ES256 ? "SHA256withECDSA" : "Ed25519");
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a signature that does not even decode is a bad one
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
    return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
        && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no P-256", e);
    }
  }
}
