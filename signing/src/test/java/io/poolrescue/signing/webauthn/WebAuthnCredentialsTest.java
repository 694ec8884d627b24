package io.poolrescue.signing.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The credentials file: what it reads, and that it refuses anything doubtful with the entry and field named. */
class WebAuthnCredentialsTest {
  static final SoftAuthenticator BOB = SoftAuthenticator.es256();
  static final SoftAuthenticator CAROL = SoftAuthenticator.ed25519();

  static String file(String rp, String entry) {
    return "{\n  " + rp + "\"origins\": [\"http://localhost:8088\"],\n  \"requireUserVerification\": true,\n"
        + "  \"credentials\": [\n    " + WebAuthnEnrolment.entryJson(BOB.credential("bob", "bob yubikey")) + ",\n    "
        + entry + "\n  ]\n}\n";
  }

  static String carol(String fields) {
    return "{\"person\": \"carol\", \"credentialId\": \"" + CAROL.id() + "\", \"publicKey\": \"" + CAROL.publicKey()
        + "\"" + fields + "}";
  }

  static final String RP = "\"rpId\": \"localhost\",\n  ";

  static void assertBad(String part, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebAuthnCredentials.parse(json));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void readsAFile() {
    String text = file(RP, carol(", \"algorithm\": -8, \"label\": null"));
    WebAuthnCredentials c = WebAuthnCredentials.parse(text);
    assertEquals(new WebAuthnRelyingParty("localhost", List.of("http://localhost:8088"), true), c.relyingParty());
    assertEquals(List.of(BOB.credential("bob", "bob yubikey"), CAROL.credential("carol", null)), c.all());
    assertEquals("bob yubikey", c.byId(BOB.id()).orElseThrow().label());
    assertEquals(-8, c.byId(CAROL.id()).orElseThrow().algorithm());
    assertTrue(c.byId("AAAA").isEmpty());
    assertEquals(List.of(CAROL.credential("carol", null)), c.ofPerson("Carol"));
    assertEquals(text, c.text());
  }

  @Test
  void noneAcceptsNothing() {
    assertNull(WebAuthnCredentials.none().relyingParty());
    assertTrue(WebAuthnCredentials.none().all().isEmpty());
    assertTrue(WebAuthnCredentials.none().byId(BOB.id()).isEmpty());
  }

  @Test
  void refusesUnknownFields() {
    assertBad("credentials[1]: unknown field 'algo'", file(RP, carol(", \"algo\": -8")));
    assertBad("the document: unknown field 'rpid'", file("\"rpid\": \"localhost\", ", carol(", \"algorithm\": -8")));
  }

  @Test
  void refusesABadAlgorithm() {
    assertBad("credentials[1]: algorithm -257 is not accepted", file(RP, carol(", \"algorithm\": -257")));
    assertBad("credentials[1]: algorithm must be an integer", file(RP, carol(", \"algorithm\": \"EdDSA\"")));
    assertBad("credentials[1]: publicKey: the public key is not a SubjectPublicKeyInfo of an EC key",
        file(RP, carol(", \"algorithm\": -7")));
  }

  @Test
  void refusesAMissingRpId() {
    assertBad("rpId is missing", file("", carol(", \"algorithm\": -8")));
    assertBad("must be a domain", file("\"rpId\": \"https://localhost\", ", carol(", \"algorithm\": -8")));
  }

  @Test
  void refusesABadKey() {
    String entry = carol(", \"algorithm\": -8");
    assertBad("credentials[1]: publicKey is not base64url", file(RP, entry.replace(CAROL.publicKey(), "MCow+BQY")));
    assertBad("credentials[1]: publicKey is not canonical", file(RP, entry.replace(CAROL.publicKey(), CAROL.publicKey() + "=")));
    assertBad("credentials[1]: publicKey: the public key is not a SubjectPublicKeyInfo",
        file(RP, entry.replace(CAROL.publicKey(), "AAAA")));
  }

  @Test
  void refusesAnotherCurve() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp384r1"));
    String p384 = SoftAuthenticator.b64(gen.generateKeyPair().getPublic().getEncoded());
    assertBad("credentials[1]: publicKey: an ES256 public key must be on the P-256 curve",
        file(RP, carol(", \"algorithm\": -7").replace(CAROL.publicKey(), p384)));
  }

  @Test
  void refusesDoubtfulDocuments() {
    String entry = carol(", \"algorithm\": -8");
    assertBad("credentials[1]: credentialId " + BOB.id() + " is already listed in credentials[0]",
        file(RP, entry.replace(CAROL.id(), BOB.id()).replace(CAROL.publicKey(), BOB.publicKey()).replace("-8", "-7")));
    assertBad("Duplicate field 'person'", file(RP, entry.replace("{", "{\"person\": \"mallory\", ")));
    assertBad("Trailing token", file(RP, entry) + "{}");
    assertBad("credentials[1]: person is missing", file(RP, entry.replace("\"person\": \"carol\", ", "")));
    assertBad("no trailing slash", file(RP, entry).replace("8088\"", "8088/\""));
    assertBad("requireUserVerification must be true or false", file(RP, entry).replace("true", "\"yes\""));
  }
}
