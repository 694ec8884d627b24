package io.poolrescue.signing;

import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.UNSUPPORTED_ALGORITHM;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** Turns an SSH public key blob (PROTOCOL.u2f for the sk- keys) into a JDK public key. */
final class SshKeyDecoder {
  /** Shorter RSA moduli are refused: they are breakable or close to it. */
  static final int MIN_RSA_BITS = 2048;

  /** The JDK key and, for security keys, the FIDO application the key is bound to. */
  record DecodedKey(String type, PublicKey publicKey, String application) {}

  /** DER SubjectPublicKeyInfo prefix for a raw 32-byte Ed25519 key (RFC 8410). */
  private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  static DecodedKey decode(SshPublicKey key) {
    String type = key.type();
    if (type.endsWith("-cert-v01@openssh.com")) {
      throw new SignatureRefused(UNSUPPORTED_ALGORITHM,
          "the signature was made with an SSH certificate (" + type + "); poolrescue accepts plain keys only");
    }
    if (!SshKeyTypes.SUPPORTED.contains(type)) {
      throw new SignatureRefused(UNSUPPORTED_ALGORITHM, "keys of type " + type + " are not supported "
          + "(supported: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa with rsa-sha2-256/512, and their sk- security-key forms)");
    }
    SshBuffer in = new SshBuffer(key.blob());
    try {
      in.utf8(); // the type, already checked by SshPublicKey
      DecodedKey decoded = switch (type) {
        case SshKeyTypes.ED25519 -> new DecodedKey(type, ed25519(in.string()), null);
        case SshKeyTypes.SK_ED25519 -> {
          PublicKey pk = ed25519(in.string());
          yield new DecodedKey(type, pk, in.utf8());
        }
        case SshKeyTypes.ECDSA_P256 -> new DecodedKey(type, p256(in), null);
        case SshKeyTypes.SK_ECDSA_P256 -> {
          PublicKey pk = p256(in);
          yield new DecodedKey(type, pk, in.utf8());
        }
        case SshKeyTypes.RSA -> new DecodedKey(type, rsa(in), null);
        default -> throw new IllegalStateException(type);
      };
      in.expectEnd("the " + type + " key");
      return decoded;
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, "the " + type + " key is damaged: " + e.getMessage(), e);
    }
  }

  private static PublicKey ed25519(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 key has 32 bytes, not " + raw.length);
    }
    byte[] der = new byte[ED25519_SPKI_PREFIX.length + 32];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, der, ED25519_SPKI_PREFIX.length, 32);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the Ed25519 key is not usable: " + e.getMessage(), e);
    }
  }

  private static PublicKey p256(SshBuffer in) {
    String curve = in.utf8();
    if (!"nistp256".equals(curve)) {
      throw new IllegalArgumentException("the curve is '" + curve + "', not nistp256");
    }
    byte[] q = in.string();
    if (q.length != 65 || q[0] != 0x04) {
      throw new IllegalArgumentException("the P-256 point is not an uncompressed 65-byte point");
    }
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(q, 1, 33));
    BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(q, 33, 65));
    try {
      ECParameterSpec params = p256Params();
      // The JDK does not check that a public point is on the curve; a point off it is no key at all.
      BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
      BigInteger a = params.getCurve().getA();
      BigInteger b = params.getCurve().getB();
      boolean onCurve = x.compareTo(p) < 0 && y.compareTo(p) < 0
          && y.multiply(y).subtract(x.pow(3).add(a.multiply(x)).add(b)).mod(p).signum() == 0;
      if (!onCurve) {
        throw new IllegalArgumentException("the P-256 point is not on the curve");
      }
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the P-256 key is not usable: " + e.getMessage(), e);
    }
  }

  static ECParameterSpec p256Params() throws GeneralSecurityException {
    AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
    ap.init(new ECGenParameterSpec("secp256r1"));
    return ap.getParameterSpec(ECParameterSpec.class);
  }

  private static PublicKey rsa(SshBuffer in) {
    BigInteger e = in.mpint();
    BigInteger n = in.mpint();
    if (n.bitLength() < MIN_RSA_BITS) {
      throw new SignatureRefused(UNSUPPORTED_ALGORITHM,
          "the RSA key has " + n.bitLength() + " bits; at least " + MIN_RSA_BITS + " are required");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
      throw new IllegalArgumentException("the RSA public exponent is not valid");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw new IllegalArgumentException("the RSA key is not usable: " + ex.getMessage(), ex);
    }
  }

  private SshKeyDecoder() {}
}
