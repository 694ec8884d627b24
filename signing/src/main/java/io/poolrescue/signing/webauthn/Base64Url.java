package io.poolrescue.signing.webauthn;

import java.util.Base64;

/**
 * Base64url without padding, as WebAuthn's JSON forms write bytes. Strict: one text for one byte
 * string (no padding, no other alphabet, no stray bits in the last character), so a credential id
 * compared as text cannot be written two ways.
 */
final class Base64Url {
  private Base64Url() {}

  static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The bytes, or IllegalArgumentException saying why {@code what} is not base64url. */
  static byte[] decode(String value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64url: " + e.getMessage(), e);
    }
    if (!encode(bytes).equals(value)) {
      throw new IllegalArgumentException(what + " is not canonical base64url without padding");
    }
    return bytes;
  }
}
