package io.poolrescue.signing.webauthn;

import static io.poolrescue.signing.SignatureRefused.Reason.BAD_SIGNATURE;
import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;
import static io.poolrescue.signing.SignatureRefused.Reason.NOT_ALLOWED;
import static io.poolrescue.signing.SignatureRefused.Reason.NO_USER_VERIFICATION;
import static io.poolrescue.signing.SignatureRefused.Reason.REPLAYED;

import io.poolrescue.signing.Names;
import io.poolrescue.signing.SignatureRefused;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Verifies WebAuthn assertions ({@code navigator.credentials.get()}) of a signed text: the browser
 * signs with the text's SHA-256 as the challenge. Pure and deterministic like
 * {@link io.poolrescue.signing.SshSignatures}, so it may run inside workflow code: no I/O, no clock,
 * no randomness, JDK crypto only.
 */
public final class WebAuthnAssertions {
  private WebAuthnAssertions() {}

  /** The challenge a browser must sign for this text: SHA-256 of the signed text's bytes. */
  public static byte[] challengeOf(byte[] signedText) {
    return WebAuthnCrypto.sha256(Objects.requireNonNull(signedText, "signedText"));
  }

  /**
   * Checks that {@code assertion} is {@code person}'s signature of {@code signedText} with a
   * credential {@code credentials} lists, made on an allowed origin for the relying party.
   *
   * @param lastSignCount the highest counter this credential reported before in the same run (0 if none)
   * @throws SignatureRefused with a reason and a plain message, checking in this order: the encodings,
   *     the credential and its person, the client data (type, challenge, origin), the authenticator
   *     data (relying party, user presence and verification), the signature, the counter
   */
  public static VerifiedAssertion verify(WebAuthnAssertion assertion, byte[] signedText, String person,
      WebAuthnCredentials credentials, long lastSignCount) {
    Objects.requireNonNull(signedText, "signedText");
    Objects.requireNonNull(credentials, "credentials");
    if (assertion == null) {
      throw new SignatureRefused(MALFORMED, "no assertion was given");
    }
    if (person == null || person.isBlank()) {
      throw new SignatureRefused(MALFORMED, "no person was given for the assertion");
    }
    decode(assertion.credentialId(), "the credential id");
    byte[] authBytes = decode(assertion.authenticatorData(), "the authenticator data");
    byte[] clientBytes = decode(assertion.clientDataJSON(), "the clientDataJSON");
    byte[] signature = decode(assertion.signature(), "the signature");
    AuthenticatorData authData = AuthenticatorData.parse(authBytes);

    WebAuthnCredential credential = credentials.byId(assertion.credentialId()).orElseThrow(() ->
        new SignatureRefused(NOT_ALLOWED, "credential " + assertion.credentialId()
            + " is not listed in the worker's policy"));
    if (!Names.same(credential.person(), person)) {
      throw new SignatureRefused(NOT_ALLOWED, "credential " + credential.describe() + " is listed for '"
          + credential.person() + "', not '" + person + "'");
    }
    WebAuthnRelyingParty rp = credentials.relyingParty();

    ClientData.parse(clientBytes).check("webauthn.get", "a registration or another use of the key is not an assertion",
        challengeOf(signedText),
        "the assertion was made for another text: another gate, fingerprint, decision or reason", rp.origins());

    authData.checkRelyingPartyAndPresence(rp.rpId());
    if (rp.requireUserVerification() && !authData.has(AuthenticatorData.UV)) {
      throw new SignatureRefused(NO_USER_VERIFICATION, "the authenticator " + credential.describe()
          + " signed without verifying the user (no PIN or biometric: user-verification flag not set),"
          + " which the worker's policy requires");
    }

    // what an authenticator signs: authenticatorData || SHA-256(clientDataJSON)
    byte[] signed = ByteBuffer.allocate(authBytes.length + 32).put(authBytes)
        .put(WebAuthnCrypto.sha256(clientBytes)).array();
    PublicKey key = WebAuthnCrypto.publicKey(Base64Url.decode(credential.publicKey(), "publicKey"), credential.algorithm());
    if (credential.algorithm() == WebAuthnCrypto.EDDSA && signature.length != 64) {
      throw new SignatureRefused(MALFORMED, "an Ed25519 signature has 64 bytes, not " + signature.length);
    }
    if (!WebAuthnCrypto.verify(key, credential.algorithm(), signed, signature)) {
      throw new SignatureRefused(BAD_SIGNATURE, "the assertion does not match credential " + credential.describe()
          + ": the authenticator data, the client data or the signature was changed, or another key signed");
    }

    long count = authData.signCount();
    // authenticators without a counter always report 0; once one counts, it must keep counting up
    if ((count != 0 || lastSignCount != 0) && count <= lastSignCount) {
      throw new SignatureRefused(REPLAYED, "the authenticator's counter went from " + lastSignCount + " to " + count
          + ": a cloned authenticator or a replayed assertion");
    }
    return new VerifiedAssertion(credential, count, authData.has(AuthenticatorData.UV));
  }

  /** The signature counter inside an assertion's authenticator data, without verifying anything (for replays). */
  public static long signCountOf(WebAuthnAssertion assertion) {
    Objects.requireNonNull(assertion, "assertion");
    return AuthenticatorData.parse(decode(assertion.authenticatorData(), "the authenticator data")).signCount();
  }

  static byte[] decode(String value, String what) {
    try {
      return Base64Url.decode(value, what);
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, e.getMessage(), e);
    }
  }
}
