package io.poolrescue.signing.webauthn;

import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.UNSUPPORTED_ALGORITHM;

import io.poolrescue.signing.SignatureRefused;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The console's enrolment page: checks what {@code navigator.credentials.create()} returned and
 * makes the entry an administrator adds to the credentials file ({@link WebAuthnCredentials}).
 *
 * <p>The attestation statement is deliberately not verified: no authenticator maker is trusted or
 * refused, and the entry only counts once an administrator has pasted it into the policy by hand.
 * For the same reason the COSE key inside the authenticator data is not compared with
 * {@code getPublicKey()}: nothing signs the creation data, so that comparison would prove nothing.
 * These checks catch a response from another page, another site or another credential.
 */
public final class WebAuthnEnrolment {
  /** aaguid (16 bytes) and the credential id's length (2) follow the first 37 bytes. */
  private static final int CREDENTIAL_ID_AT = AuthenticatorData.MIN_LENGTH + 16 + 2;
  /** WebAuthn: "credentialIdLength... MUST be less than or equal to 1023". */
  private static final int MAX_CREDENTIAL_ID = 1023;

  private WebAuthnEnrolment() {}

  /**
   * Checks a creation response and returns the credential it enrols for {@code person}.
   *
   * @param clientDataJSON {@code AuthenticatorAttestationResponse.clientDataJSON}, base64url
   * @param authenticatorData {@code getAuthenticatorData()}, base64url
   * @param publicKey {@code getPublicKey()}, base64url (SubjectPublicKeyInfo DER)
   * @param algorithm {@code getPublicKeyAlgorithm()}: -7 or -8
   * @param challenge the bytes the console sent as the creation challenge
   * @throws SignatureRefused for anything wrong with what the browser returned (its encodings,
   *     type, challenge, origin, relying party, flags, credential id, algorithm or key)
   * @throws IllegalArgumentException when the console's own arguments are missing (person, challenge,
   *     rpId, origins)
   */
  public static WebAuthnCredential enrol(String person, String label, String credentialId, String clientDataJSON,
      String authenticatorData, String publicKey, int algorithm, byte[] challenge, String rpId, List<String> origins) {
    if (person == null || person.isBlank()) {
      throw new IllegalArgumentException("a person is required");
    }
    Objects.requireNonNull(challenge, "challenge");
    WebAuthnRelyingParty rp = new WebAuthnRelyingParty(rpId, origins, false);
    byte[] id = WebAuthnAssertions.decode(credentialId, "the credential id");
    byte[] clientBytes = WebAuthnAssertions.decode(clientDataJSON, "the clientDataJSON");
    byte[] authBytes = WebAuthnAssertions.decode(authenticatorData, "the authenticator data");
    byte[] keyBytes = WebAuthnAssertions.decode(publicKey, "the public key");
    if (!WebAuthnCrypto.supported(algorithm)) {
      throw new SignatureRefused(UNSUPPORTED_ALGORITHM, "the authenticator made a " + WebAuthnCrypto.name(algorithm)
          + " credential; only -7 (ES256) and -8 (EdDSA) are accepted");
    }

    ClientData.parse(clientBytes).check("webauthn.create", "an assertion or another use of the key is not a creation",
        challenge, "the creation was made for another challenge: not this enrolment page's", rp.origins());

    AuthenticatorData authData = AuthenticatorData.parse(authBytes);
    authData.checkRelyingPartyAndPresence(rp.rpId());
    if (!authData.has(AuthenticatorData.AT)) {
      throw new SignatureRefused(MALFORMED, "the authenticator data has no attested credential data (AT flag not set)");
    }
    if (authBytes.length < CREDENTIAL_ID_AT) {
      throw new SignatureRefused(MALFORMED, "the attested credential data is cut short");
    }
    int idLength = ((authBytes[CREDENTIAL_ID_AT - 2] & 0xff) << 8) | (authBytes[CREDENTIAL_ID_AT - 1] & 0xff);
    if (idLength == 0 || idLength > MAX_CREDENTIAL_ID || authBytes.length < CREDENTIAL_ID_AT + idLength) {
      throw new SignatureRefused(MALFORMED, "the attested credential id length " + idLength
          + " is out of range (1 to " + MAX_CREDENTIAL_ID + ", within the authenticator data)");
    }
    byte[] attested = Arrays.copyOfRange(authBytes, CREDENTIAL_ID_AT, CREDENTIAL_ID_AT + idLength);
    if (!Arrays.equals(attested, id)) {
      throw new SignatureRefused(MALFORMED, "the authenticator data attests credential " + Base64Url.encode(attested)
          + ", not " + credentialId);
    }
    try {
      WebAuthnCrypto.publicKey(keyBytes, algorithm);
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(UNSUPPORTED_ALGORITHM, e.getMessage(), e);
    }
    return new WebAuthnCredential(person.strip(), credentialId, publicKey, algorithm, label);
  }

  /** The JSON of one entry of the credentials file, as an administrator pastes it into {@code "credentials"}. */
  public static String entryJson(WebAuthnCredential c) {
    Objects.requireNonNull(c, "c");
    return "{\"person\": " + Json.quote(c.person()) + ", \"credentialId\": " + Json.quote(c.credentialId())
        + ", \"publicKey\": " + Json.quote(c.publicKey()) + ", \"algorithm\": " + c.algorithm()
        + (c.label() == null ? "" : ", \"label\": " + Json.quote(c.label())) + "}";
  }
}
