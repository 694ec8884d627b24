package io.poolrescue.signing;

import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The fields of an SSHSIG blob (PROTOCOL.sshsig "Blob format"), read but not yet checked. */
record SshSigBlob(SshPublicKey key, String namespace, String hashAlgorithm, byte[] signature) {
  static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
  static final long VERSION = 1;

  static SshSigBlob parse(byte[] blob) {
    try {
      SshBuffer in = new SshBuffer(blob);
      if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
        throw new SignatureRefused(MALFORMED, "not an SSH signature: it does not start with SSHSIG");
      }
      long version = in.u32();
      if (version != VERSION) {
        throw new SignatureRefused(MALFORMED, "SSH signature format version " + version + " is not known (only 1)");
      }
      byte[] keyBlob = in.string();
      String namespace = in.utf8();
      in.string(); // reserved: OpenSSH ignores it and never signs it
      String hashAlgorithm = in.utf8();
      byte[] signature = in.string();
      in.expectEnd("the SSH signature");
      SshPublicKey key = new SshPublicKey(new SshBuffer(keyBlob).utf8(), keyBlob);
      return new SshSigBlob(key, namespace, hashAlgorithm, signature);
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, "the SSH signature is damaged: " + e.getMessage(), e);
    }
  }

  /** The bytes the key signs (PROTOCOL.sshsig "Signed Data"): the namespace is the expected one, reserved is empty. */
  static byte[] signedData(String namespace, String hashAlgorithm, byte[] messageHash) {
    return new SshEncoder().raw(MAGIC).string(namespace).string(new byte[0]).string(hashAlgorithm)
        .string(messageHash).toByteArray();
  }
}
