package io.poolrescue.signing.webauthn;

import static io.poolrescue.signing.SignatureRefused.Reason.BAD_SIGNATURE;
import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.NOT_ALLOWED;
import static io.poolrescue.signing.SignatureRefused.Reason.NO_USER_PRESENCE;
import static io.poolrescue.signing.SignatureRefused.Reason.NO_USER_VERIFICATION;
import static io.poolrescue.signing.SignatureRefused.Reason.REPLAYED;
import static io.poolrescue.signing.SignatureRefused.Reason.WRONG_NAMESPACE;
import static io.poolrescue.signing.webauthn.SoftAuthenticator.UP;
import static io.poolrescue.signing.webauthn.SoftAuthenticator.UV;
import static io.poolrescue.signing.webauthn.SoftAuthenticator.b64;
import static io.poolrescue.signing.webauthn.SoftAuthenticator.unb64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.signing.SignatureRefused;
import io.poolrescue.signing.SignedText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Assertions a software authenticator makes, verified; and each refusal, made by changing one thing. */
class WebAuthnAssertionsTest {
  static final String RP = "localhost";
  static final String ORIGIN = "http://localhost:8088";
  static final byte[] TEXT = SignedText.decision("wf-1", "run-1", "alice", "gate-1", "sha256:abc", List.of("vm-1"),
      "APPROVE", "bob", Instant.parse("2025-01-02T03:04:05Z"), "looks right");
  static final byte[] CHALLENGE = WebAuthnAssertions.challengeOf(TEXT);

  static SoftAuthenticator es256;
  static SoftAuthenticator ed25519;
  static SoftAuthenticator carol;
  static WebAuthnCredentials credentials;

  @BeforeAll
  static void authenticators() {
    es256 = SoftAuthenticator.es256();
    ed25519 = SoftAuthenticator.ed25519();
    carol = SoftAuthenticator.es256();
    credentials = credentials(false, es256.credential("bob", "bob yubikey"), ed25519.credential("bob", null),
        carol.credential("carol", "carol laptop"));
  }

  static WebAuthnCredentials credentials(boolean requireUv, WebAuthnCredential... listed) {
    return WebAuthnCredentials.parse("{\"rpId\": \"" + RP + "\", \"origins\": [\"https://other.example\", \"" + ORIGIN
        + "\"], \"requireUserVerification\": " + requireUv + ", \"credentials\": ["
        + Stream.of(listed).map(WebAuthnEnrolment::entryJson).collect(Collectors.joining(", ")) + "]}");
  }

  static SoftAuthenticator key(String name) {
    return name.equals("es256") ? es256 : ed25519;
  }

  static SignatureRefused refused(WebAuthnAssertion a) {
    return refused(a, "bob", credentials, 0);
  }

  static SignatureRefused refused(WebAuthnAssertion a, String person, WebAuthnCredentials creds, long last) {
    return assertThrows(SignatureRefused.class, () -> WebAuthnAssertions.verify(a, TEXT, person, creds, last));
  }

  static void assertRefused(SignatureRefused.Reason reason, String part, SignatureRefused e) {
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"es256", "ed25519"})
  void acceptsAGoodAssertion(String name) {
    SoftAuthenticator k = key(name);
    VerifiedAssertion v = WebAuthnAssertions.verify(k.get(CHALLENGE, ORIGIN, RP, UP, 7), TEXT, "bob", credentials, 6);
    assertEquals(k.id(), v.credential().credentialId());
    assertEquals("webauthn:" + k.id(), v.credential().fingerprint());
    assertEquals(7, v.signCount());
    assertFalse(v.userVerified());
  }

  @Test
  void challengeIsTheTextsSha256() {
    assertArrayEquals(SoftAuthenticator.sha256(TEXT), WebAuthnAssertions.challengeOf(TEXT));
  }

  @Test
  void personNamesCompareAsNames() {
    WebAuthnAssertions.verify(es256.get(CHALLENGE, ORIGIN, RP, UP, 1), TEXT, " Bob", credentials, 0);
  }

  @Test
  void extraClientDataKeysAreIgnored() {
    String client = SoftAuthenticator.clientData("webauthn.get", CHALLENGE, ORIGIN,
        ",\"other_keys_can_be_added_here\":\"do not compare clientDataJSON against a template\",\"topOrigin\":\"x\"");
    WebAuthnAssertions.verify(es256.assertion(SoftAuthenticator.authData(RP, UP, 1), client), TEXT, "bob", credentials, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"es256", "ed25519"})
  void refusesAnotherText(String name) {
    byte[] other = WebAuthnAssertions.challengeOf("another text\n".getBytes(StandardCharsets.UTF_8));
    assertRefused(BAD_SIGNATURE, "made for another text", refused(key(name).get(other, ORIGIN, RP, UP, 1)));
  }

  @Test
  void refusesAnotherOrigin() {
    assertRefused(NOT_ALLOWED, "origin 'https://evil.example'",
        refused(es256.get(CHALLENGE, "https://evil.example", RP, UP, 1)));
  }

  @Test
  void refusesCrossOrigin() {
    String client = SoftAuthenticator.clientData("webauthn.get", CHALLENGE, ORIGIN, "").replace("false", "true");
    assertRefused(NOT_ALLOWED, "crossOrigin", refused(es256.assertion(SoftAuthenticator.authData(RP, UP, 1), client)));
  }

  @Test
  void refusesAnotherRelyingParty() {
    assertRefused(NOT_ALLOWED, "made for another relying party", refused(es256.get(CHALLENGE, ORIGIN, "example.com", UP, 1)));
  }

  @Test
  void refusesARegistration() {
    String client = SoftAuthenticator.clientData("webauthn.create", CHALLENGE, ORIGIN, "");
    assertRefused(WRONG_NAMESPACE, "'webauthn.create', not 'webauthn.get'",
        refused(es256.assertion(SoftAuthenticator.authData(RP, UP, 1), client)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"es256", "ed25519"})
  void refusesWithoutUserPresence(String name) {
    assertRefused(NO_USER_PRESENCE, "user-presence flag", refused(key(name).get(CHALLENGE, ORIGIN, RP, UV, 1)));
  }

  @Test
  void userVerificationWhenRequired() {
    WebAuthnCredentials strict = credentials(true, es256.credential("bob", null));
    VerifiedAssertion v = WebAuthnAssertions.verify(es256.get(CHALLENGE, ORIGIN, RP, UP | UV, 1), TEXT, "bob", strict, 0);
    assertTrue(v.userVerified());
    assertRefused(NO_USER_VERIFICATION, "user-verification flag not set",
        refused(es256.get(CHALLENGE, ORIGIN, RP, UP, 1), "bob", strict, 0));
  }

  @Test
  void refusesAnotherPerson() {
    assertRefused(NOT_ALLOWED, "is listed for 'bob', not 'alice'",
        refused(es256.get(CHALLENGE, ORIGIN, RP, UP, 1), "alice", credentials, 0));
  }

  @Test
  void refusesAnUnlistedCredential() {
    SoftAuthenticator stranger = SoftAuthenticator.ed25519();
    assertRefused(NOT_ALLOWED, "credential " + stranger.id() + " is not listed in the worker's policy",
        refused(stranger.get(CHALLENGE, ORIGIN, RP, UP, 1)));
    assertRefused(NOT_ALLOWED, "is not listed",
        refused(es256.get(CHALLENGE, ORIGIN, RP, UP, 1), "bob", WebAuthnCredentials.none(), 0));
  }

  @Test
  void refusesAnotherKeyClaimingAListedId() {
    WebAuthnAssertion a = SoftAuthenticator.es256().get(CHALLENGE, ORIGIN, RP, UP, 1);
    a = new WebAuthnAssertion(es256.id(), a.authenticatorData(), a.clientDataJSON(), a.signature());
    assertRefused(BAD_SIGNATURE, "another key signed", refused(a));
  }

  @ParameterizedTest
  @ValueSource(strings = {"es256", "ed25519"})
  void refusesTamperedAuthenticatorData(String name) {
    WebAuthnAssertion a = key(name).get(CHALLENGE, ORIGIN, RP, UP, 1);
    byte[] data = unb64(a.authenticatorData());
    data[36] = 9; // the counter, which the signature covers
    assertRefused(BAD_SIGNATURE, "does not match credential",
        refused(new WebAuthnAssertion(a.credentialId(), b64(data), a.clientDataJSON(), a.signature())));
  }

  @Test
  void refusesTamperedClientData() {
    WebAuthnAssertion a = es256.get(CHALLENGE, ORIGIN, RP, UP, 1);
    String client = new String(unb64(a.clientDataJSON()), StandardCharsets.UTF_8).replace("}", ",\"x\":1}");
    assertRefused(BAD_SIGNATURE, "does not match credential", refused(new WebAuthnAssertion(a.credentialId(),
        a.authenticatorData(), b64(client.getBytes(StandardCharsets.UTF_8)), a.signature())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"es256", "ed25519"})
  void refusesATamperedSignature(String name) {
    WebAuthnAssertion a = key(name).get(CHALLENGE, ORIGIN, RP, UP, 1);
    byte[] sig = unb64(a.signature());
    sig[sig.length - 1] ^= 1;
    assertRefused(BAD_SIGNATURE, "does not match credential",
        refused(new WebAuthnAssertion(a.credentialId(), a.authenticatorData(), a.clientDataJSON(), b64(sig))));
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 4, 0})
  void refusesACounterThatDoesNotIncrease(long counter) {
    assertRefused(REPLAYED, "counter went from 5 to " + counter,
        refused(es256.get(CHALLENGE, ORIGIN, RP, UP, counter), "bob", credentials, 5));
  }

  @Test
  void acceptsAnAuthenticatorThatAlwaysSaysZero() {
    Supplier<VerifiedAssertion> once = () ->
        WebAuthnAssertions.verify(ed25519.get(CHALLENGE, ORIGIN, RP, UP, 0), TEXT, "bob", credentials, 0);
    assertEquals(0, once.get().signCount());
    assertEquals(0, once.get().signCount());
  }

  @Test
  void refusesBadEncodings() {
    WebAuthnAssertion a = es256.get(CHALLENGE, ORIGIN, RP, UP, 1);
    assertRefused(MALFORMED, "the signature is not base64url",
        refused(new WebAuthnAssertion(a.credentialId(), a.authenticatorData(), a.clientDataJSON(), "a+b/")));
    assertRefused(MALFORMED, "the authenticator data is not canonical base64url",
        refused(new WebAuthnAssertion(a.credentialId(), a.authenticatorData() + "==", a.clientDataJSON(), a.signature())));
    String zeros = b64(new byte[37]); // ends in "AA": the last character carries 4 unused bits
    assertRefused(MALFORMED, "the authenticator data is not canonical base64url", refused(new WebAuthnAssertion(
        a.credentialId(), zeros.substring(0, zeros.length() - 1) + "B", a.clientDataJSON(), a.signature())));
    assertRefused(MALFORMED, "the clientDataJSON is missing",
        refused(new WebAuthnAssertion(a.credentialId(), a.authenticatorData(), null, a.signature())));
    assertRefused(MALFORMED, "at least 37",
        refused(new WebAuthnAssertion(a.credentialId(), b64(new byte[36]), a.clientDataJSON(), a.signature())));
    assertRefused(MALFORMED, "not JSON", refused(es256.assertion(SoftAuthenticator.authData(RP, UP, 1), "{\"type\":")));
  }

  @Test
  void signCountWithoutVerifying() {
    assertEquals(0xfffffffeL, WebAuthnAssertions.signCountOf(es256.get(CHALLENGE, ORIGIN, RP, UP, 0xfffffffeL)));
  }
}
