package io.poolrescue.signing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Builds and edits SSHSIG blobs by hand (PROTOCOL.sshsig), for signatures ssh-keygen cannot make. */
final class SshSigTestVectors {
  /** The SSHSIG blob around a key blob and an SSH signature blob. */
  static byte[] sshsig(byte[] keyBlob, String namespace, String hashAlgorithm, byte[] signatureBlob) {
    return new SshEncoder().raw(SshSigBlob.MAGIC).u32(1).string(keyBlob).string(namespace).string(new byte[0])
        .string(hashAlgorithm).string(signatureBlob).toByteArray();
  }

  /** What the key signs for {@code message}: the SSHSIG signed-data blob. */
  static byte[] signedData(String namespace, String hashAlgorithm, byte[] message) {
    String jdk = hashAlgorithm.equals("sha256") ? "SHA-256" : hashAlgorithm.equals("sha512") ? "SHA-512" : "SHA-1";
    return SshSigBlob.signedData(namespace, hashAlgorithm, digest(jdk, message));
  }

  /** A parsed SSHSIG blob with one field replaced, re-encoded as ssh-keygen would. */
  static byte[] withField(byte[] blob, int field, byte[] value) {
    SshBuffer in = new SshBuffer(blob);
    SshEncoder out = new SshEncoder().raw(in.raw(6)).u32(in.u32());
    for (int i = 0; i < 5; i++) {
      byte[] original = in.string();
      out.string(i == field ? value : original);
    }
    return out.toByteArray();
  }

  static final int KEY = 0;
  static final int NAMESPACE = 1;
  static final int HASH = 3;
  static final int SIGNATURE = 4;

  static byte[] field(byte[] blob, int field) {
    SshBuffer in = new SshBuffer(blob);
    in.raw(6);
    in.u32();
    for (int i = 0; i < field; i++) {
      in.string();
    }
    return in.string();
  }

  /** DER SEQUENCE { INTEGER r, INTEGER s } (as the JDK signs) to SSH's mpint r, mpint s. */
  static byte[] ecdsaDerToSsh(byte[] der) {
    int i = 2; // SEQUENCE tag and short length (P-256 signatures are under 128 bytes)
    int rLen = der[i + 1];
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(der, i + 2, i + 2 + rLen));
    i += 2 + rLen;
    int sLen = der[i + 1];
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(der, i + 2, i + 2 + sLen));
    return new SshEncoder().mpint(r).mpint(s).toByteArray();
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private SshSigTestVectors() {}
}
