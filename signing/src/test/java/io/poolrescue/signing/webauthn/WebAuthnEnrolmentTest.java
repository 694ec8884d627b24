package io.poolrescue.signing.webauthn;

import static io.poolrescue.signing.SignatureRefused.Reason.BAD_SIGNATURE;
import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.NOT_ALLOWED;
import static io.poolrescue.signing.SignatureRefused.Reason.NO_USER_PRESENCE;
import static io.poolrescue.signing.SignatureRefused.Reason.UNSUPPORTED_ALGORITHM;
import static io.poolrescue.signing.SignatureRefused.Reason.WRONG_NAMESPACE;
import static io.poolrescue.signing.webauthn.SoftAuthenticator.AT;
import static io.poolrescue.signing.webauthn.SoftAuthenticator.UP;
import static io.poolrescue.signing.webauthn.SoftAuthenticator.UV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.signing.SignatureRefused;
import io.poolrescue.signing.webauthn.SoftAuthenticator.Creation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The enrolment page's check of a creation response, and the entry it makes. */
class WebAuthnEnrolmentTest {
  static final String RP = "localhost";
  static final String ORIGIN = "http://localhost:8088";
  static final List<String> ORIGINS = List.of(ORIGIN);
  static final byte[] CHALLENGE = "enrolment challenge 42".getBytes(StandardCharsets.UTF_8);

  static WebAuthnCredential enrol(Creation c) {
    return enrol(c, c.algorithm());
  }

  static WebAuthnCredential enrol(Creation c, int algorithm) {
    return WebAuthnEnrolment.enrol("bob", "bob yubikey", c.credentialId(), c.clientDataJSON(), c.authenticatorData(),
        c.publicKey(), algorithm, CHALLENGE, RP, ORIGINS);
  }

  static void assertRefused(SignatureRefused.Reason reason, String part, Creation c) {
    SignatureRefused e = assertThrows(SignatureRefused.class, () -> enrol(c));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {-7, -8})
  void enrolsAGoodCreationAndItsEntryVerifies(int algorithm) {
    SoftAuthenticator k = SoftAuthenticator.of(algorithm);
    WebAuthnCredential c = enrol(k.create(CHALLENGE, ORIGIN, RP, UP | UV | AT));
    assertEquals(k.credential("bob", "bob yubikey"), c);
    WebAuthnCredentials file = WebAuthnCredentials.parse("{\"rpId\": \"localhost\", \"origins\": [\"" + ORIGIN
        + "\"], \"requireUserVerification\": true, \"credentials\": [" + WebAuthnEnrolment.entryJson(c) + "]}");
    assertEquals(List.of(c), file.all());
    byte[] text = "a signed text\n".getBytes(StandardCharsets.UTF_8);
    VerifiedAssertion v = WebAuthnAssertions.verify(k.get(WebAuthnAssertions.challengeOf(text), ORIGIN, RP, UP | UV, 1),
        text, "bob", file, 0);
    assertEquals(c, v.credential());
  }

  @Test
  void entryJsonEscapes() {
    WebAuthnCredential c = SoftAuthenticator.ed25519().credential("bob", "bob's \"blue\" key\\");
    assertEquals(c, WebAuthnCredentials.parse("{\"rpId\": \"x\", \"origins\": [\"https://x\"], "
        + "\"requireUserVerification\": false, \"credentials\": [" + WebAuthnEnrolment.entryJson(c) + "]}").all().get(0));
  }

  @Test
  void refusesAnotherChallenge() {
    assertRefused(BAD_SIGNATURE, "another challenge",
        SoftAuthenticator.es256().create("other".getBytes(StandardCharsets.UTF_8), ORIGIN, RP, UP | AT));
  }

  @Test
  void refusesAnAssertionsType() {
    SoftAuthenticator k = SoftAuthenticator.es256();
    assertRefused(WRONG_NAMESPACE, "'webauthn.get', not 'webauthn.create'",
        k.create("webauthn.get", CHALLENGE, ORIGIN, RP, UP | AT, k.credentialId));
  }

  @Test
  void refusesAMismatchedCredentialId() {
    SoftAuthenticator k = SoftAuthenticator.ed25519();
    assertRefused(MALFORMED, "attests credential AQID, not " + k.id(),
        k.create("webauthn.create", CHALLENGE, ORIGIN, RP, UP | AT, new byte[] {1, 2, 3}));
  }

  @Test
  void refusesAnotherOriginOrRelyingParty() {
    assertRefused(NOT_ALLOWED, "origin 'https://evil.example'",
        SoftAuthenticator.es256().create(CHALLENGE, "https://evil.example", RP, UP | AT));
    assertRefused(NOT_ALLOWED, "another relying party", SoftAuthenticator.es256().create(CHALLENGE, ORIGIN, "evil.example", UP | AT));
  }

  @Test
  void refusesMissingFlags() {
    assertRefused(NO_USER_PRESENCE, "user-presence", SoftAuthenticator.es256().create(CHALLENGE, ORIGIN, RP, AT));
    assertRefused(MALFORMED, "AT flag not set", SoftAuthenticator.es256().create(CHALLENGE, ORIGIN, RP, UP));
  }

  @Test
  void refusesOtherAlgorithmsAndKeys() {
    Creation c = SoftAuthenticator.es256().create(CHALLENGE, ORIGIN, RP, UP | AT);
    SignatureRefused rsa = assertThrows(SignatureRefused.class, () -> enrol(c, -257));
    assertEquals(UNSUPPORTED_ALGORITHM, rsa.reason());
    assertTrue(rsa.getMessage().contains("COSE algorithm -257"), rsa.getMessage());
    SignatureRefused wrongKey = assertThrows(SignatureRefused.class, () -> enrol(c, -8));
    assertEquals(UNSUPPORTED_ALGORITHM, wrongKey.reason());
    assertTrue(wrongKey.getMessage().contains("not a SubjectPublicKeyInfo of an Ed25519 key"), wrongKey.getMessage());
  }
}
