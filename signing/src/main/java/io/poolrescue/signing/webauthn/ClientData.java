package io.poolrescue.signing.webauthn;

import static io.poolrescue.signing.SignatureRefused.Reason.BAD_SIGNATURE;
import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.NOT_ALLOWED;
import static io.poolrescue.signing.SignatureRefused.Reason.WRONG_NAMESPACE;

import io.poolrescue.signing.SignatureRefused;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The fields of a clientDataJSON this module checks. Browsers add others ({@code topOrigin},
 * {@code other_keys_can_be_added_here}...), which are read as JSON and ignored.
 */
record ClientData(String type, String challenge, String origin, boolean crossOrigin) {
  static ClientData parse(byte[] json) {
    Object root;
    try {
      root = Json.parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString());
    } catch (CharacterCodingException e) {
      throw new SignatureRefused(MALFORMED, "the clientDataJSON is not UTF-8", e);
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, "the clientDataJSON is not JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new SignatureRefused(MALFORMED, "the clientDataJSON is not a JSON object");
    }
    Object crossOrigin = map.get("crossOrigin");
    if (crossOrigin != null && !(crossOrigin instanceof Boolean)) {
      throw new SignatureRefused(MALFORMED, "the clientDataJSON's crossOrigin is not true or false");
    }
    return new ClientData(string(map, "type"), string(map, "challenge"), string(map, "origin"),
        Boolean.TRUE.equals(crossOrigin));
  }

  /**
   * In this order: the type, the challenge (else {@code otherChallenge} as the message), the origin
   * among {@code origins}, and not made inside a frame of another site.
   */
  void check(String expectedType, String why, byte[] expectedChallenge, String otherChallenge, List<String> origins) {
    if (!type.equals(expectedType)) {
      throw new SignatureRefused(WRONG_NAMESPACE,
          "the clientDataJSON is of type '" + type + "', not '" + expectedType + "': " + why);
    }
    if (!challenge.equals(Base64Url.encode(expectedChallenge))) {
      throw new SignatureRefused(BAD_SIGNATURE, otherChallenge);
    }
    if (!origins.contains(origin)) {
      throw new SignatureRefused(NOT_ALLOWED, "the browser signed on origin '" + origin
          + "', which is not one of the allowed origins " + origins);
    }
    if (crossOrigin) {
      throw new SignatureRefused(NOT_ALLOWED,
          "the browser signed inside a frame of another site (crossOrigin is true), which is refused");
    }
  }

  private static String string(Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof String s)) {
      throw new SignatureRefused(MALFORMED, "the clientDataJSON has no " + key + " string");
    }
    return s;
  }
}
