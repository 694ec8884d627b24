package io.poolrescue.signing;

import static io.poolrescue.signing.SignatureRefused.Reason.BAD_SIGNATURE;
import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.UNSUPPORTED_ALGORITHM;

import io.poolrescue.signing.SshKeyDecoder.DecodedKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;

/**
 * Checks one SSH signature blob ({@code string algorithm, string signature} and, for security keys,
 * {@code byte flags, uint32 counter}) over some data with a decoded key.
 */
final class SshSignatureCheck {
  /** The u2f flags and counter of a security-key signature (PROTOCOL.u2f). */
  record SkFields(int flags, long counter) {}

  /** Returns the security-key fields, or null for a plain key, when the signature is good; else throws. */
  static SkFields verify(DecodedKey key, byte[] sshSignature, byte[] data) {
    SshBuffer in = new SshBuffer(sshSignature);
    String algorithm;
    try {
      algorithm = in.utf8();
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, "the signature blob is damaged: " + e.getMessage(), e);
    }
    String jdkAlgorithm = jdkAlgorithm(key.type(), algorithm);
    byte[] sig;
    SkFields sk = null;
    try {
      sig = in.string();
      if (SshKeyTypes.isSecurityKey(key.type())) {
        sk = new SkFields(in.u8(), in.u32());
      }
      in.expectEnd("the signature");
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, "the signature blob is damaged: " + e.getMessage(), e);
    }
    byte[] signed = data;
    if (sk != null) {
      // PROTOCOL.u2f: the authenticator signs SHA256(application) || flags || counter || SHA256(data).
      signed = new SshEncoder().raw(SshPublicKey.sha256(key.application())).u8(sk.flags()).u32(sk.counter())
          .raw(SshPublicKey.sha256(data)).toByteArray();
    }
    byte[] jdkSig = jdkAlgorithm.equals("Ed25519") ? ed25519Signature(sig) : jdkAlgorithm.endsWith("withECDSA")
        ? ecdsaDer(sig) : rsaSignature(key, sig);
    boolean good;
    try {
      Signature verifier = Signature.getInstance(jdkAlgorithm);
      verifier.initVerify(key.publicKey());
      verifier.update(signed);
      good = verifier.verify(jdkSig);
    } catch (GeneralSecurityException e) {
      good = false;
    }
    if (!good) {
      throw new SignatureRefused(BAD_SIGNATURE,
          "the signature does not match the message and key: the message, the signature or the key was changed");
    }
    return sk;
  }

  private static String jdkAlgorithm(String keyType, String algorithm) {
    if (keyType.equals(SshKeyTypes.RSA)) {
      return switch (algorithm) {
        case SshKeyTypes.SIG_RSA_SHA256 -> "SHA256withRSA";
        case SshKeyTypes.SIG_RSA_SHA512 -> "SHA512withRSA";
        case SshKeyTypes.RSA -> throw new SignatureRefused(UNSUPPORTED_ALGORITHM,
            "the RSA signature uses ssh-rsa (SHA-1), which is refused; sign with rsa-sha2-256 or rsa-sha2-512");
        default -> throw mismatch(keyType, algorithm);
      };
    }
    if (algorithm.equals(SshKeyTypes.SIG_WEBAUTHN_SK_ECDSA) && keyType.equals(SshKeyTypes.SK_ECDSA_P256)) {
      throw new SignatureRefused(UNSUPPORTED_ALGORITHM,
          "WebAuthn-style security key signatures are not accepted here; sign with ssh-keygen");
    }
    if (!algorithm.equals(keyType)) {
      throw mismatch(keyType, algorithm);
    }
    return switch (keyType) {
      case SshKeyTypes.ED25519, SshKeyTypes.SK_ED25519 -> "Ed25519";
      case SshKeyTypes.ECDSA_P256, SshKeyTypes.SK_ECDSA_P256 -> "SHA256withECDSA";
      default -> throw new IllegalStateException(keyType);
    };
  }

  private static SignatureRefused mismatch(String keyType, String algorithm) {
    return new SignatureRefused(BAD_SIGNATURE,
        "the signature algorithm '" + algorithm + "' does not belong to the " + keyType + " key that claims it");
  }

  private static byte[] ed25519Signature(byte[] sig) {
    if (sig.length != 64) {
      throw new SignatureRefused(MALFORMED, "an Ed25519 signature has 64 bytes, not " + sig.length);
    }
    return sig;
  }

  /** SSH writes ECDSA signatures as {@code mpint r, mpint s}; the JDK wants DER SEQUENCE { INTEGER r, INTEGER s }. */
  private static byte[] ecdsaDer(byte[] sig) {
    BigInteger r;
    BigInteger s;
    try {
      SshBuffer in = new SshBuffer(sig);
      r = in.mpint();
      s = in.mpint();
      in.expectEnd("the ECDSA signature");
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, "the ECDSA signature is damaged: " + e.getMessage(), e);
    }
    if (r.signum() == 0 || s.signum() == 0 || r.bitLength() > 256 || s.bitLength() > 256) {
      throw new SignatureRefused(BAD_SIGNATURE, "the ECDSA signature values are out of range for P-256");
    }
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    // each INTEGER is at most 33 bytes, so every DER length fits the short form
    return new SshEncoder().u8(0x30).u8(rb.length + sb.length + 4).u8(0x02).u8(rb.length).raw(rb).u8(0x02)
        .u8(sb.length).raw(sb).toByteArray();
  }

  /** OpenSSH accepts an RSA signature shorter than the modulus (leading zeros dropped); the JDK wants it full length. */
  private static byte[] rsaSignature(DecodedKey key, byte[] sig) {
    int modulusBytes = (((java.security.interfaces.RSAPublicKey) key.publicKey()).getModulus().bitLength() + 7) / 8;
    if (sig.length > modulusBytes) {
      throw new SignatureRefused(BAD_SIGNATURE, "the RSA signature is longer than the key's modulus");
    }
    byte[] full = new byte[modulusBytes];
    System.arraycopy(sig, 0, full, modulusBytes - sig.length, sig.length);
    return full;
  }

  private SshSignatureCheck() {}
}
