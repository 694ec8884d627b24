package io.poolrescue.signing.webauthn;

import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.NOT_ALLOWED;
import static io.poolrescue.signing.SignatureRefused.Reason.NO_USER_PRESENCE;

import io.poolrescue.signing.SignatureRefused;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The start of an authenticator's data (WebAuthn, "Authenticator Data"): {@code rpIdHash} (32 bytes),
 * {@code flags} (1), {@code signCount} (big-endian uint32), then attested credential data and
 * extensions when their flags say so.
 */
record AuthenticatorData(byte[] bytes, int flags, long signCount) {
  static final int UP = 0x01;
  static final int UV = 0x04;
  static final int AT = 0x40;
  static final int MIN_LENGTH = 37;

  static AuthenticatorData parse(byte[] bytes) {
    if (bytes.length < MIN_LENGTH) {
      throw new SignatureRefused(MALFORMED,
          "the authenticator data has " + bytes.length + " bytes; it has at least " + MIN_LENGTH);
    }
    long count = ((bytes[33] & 0xffL) << 24) | ((bytes[34] & 0xffL) << 16) | ((bytes[35] & 0xffL) << 8) | (bytes[36] & 0xffL);
    return new AuthenticatorData(bytes, bytes[32] & 0xff, count);
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** The data must be made for {@code rpId} and with the user present. */
  void checkRelyingPartyAndPresence(String rpId) {
    byte[] expected = WebAuthnCrypto.sha256(rpId.getBytes(StandardCharsets.UTF_8));
    if (!MessageDigest.isEqual(Arrays.copyOf(bytes, 32), expected)) {
      throw new SignatureRefused(NOT_ALLOWED, "the authenticator data was made for another relying party, not '" + rpId
          + "' (its rpIdHash is not the SHA-256 of that id)");
    }
    if (!has(UP)) {
      throw new SignatureRefused(NO_USER_PRESENCE,
          "the authenticator signed without the user touching it (user-presence flag not set)");
    }
  }
}
