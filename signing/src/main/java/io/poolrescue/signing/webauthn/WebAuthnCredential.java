package io.poolrescue.signing.webauthn;

/**
 * A credential the worker's policy lists: whose it is, its id and its public key.
 *
 * @param person who signs with it, compared with {@link io.poolrescue.signing.Names#same}
 * @param credentialId base64url without padding, as the browser's {@code PublicKeyCredential.id}
 * @param publicKey base64url without padding of the SubjectPublicKeyInfo DER, as
 *     {@code AuthenticatorAttestationResponse.getPublicKey()} returns it
 * @param algorithm the COSE algorithm: -7 (ES256, P-256 and SHA-256) or -8 (EdDSA, Ed25519)
 * @param label free text such as "bob yubikey", or null
 */
public record WebAuthnCredential(String person, String credentialId, String publicKey, int algorithm, String label) {
  /** Refuses, with IllegalArgumentException naming the field, what could never verify anything. */
  public WebAuthnCredential {
    if (person == null || person.isBlank()) {
      throw new IllegalArgumentException("person is missing");
    }
    if (Base64Url.decode(credentialId, "credentialId").length == 0) {
      throw new IllegalArgumentException("credentialId is empty");
    }
    if (!WebAuthnCrypto.supported(algorithm)) {
      throw new IllegalArgumentException("algorithm " + algorithm + " is not accepted: only -7 (ES256) and -8 (EdDSA)");
    }
    try {
      WebAuthnCrypto.publicKey(Base64Url.decode(publicKey, "publicKey"), algorithm);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith("publicKey") ? e.getMessage()
          : "publicKey: " + e.getMessage(), e);
    }
  }

  /** What a run records as the signer's key. */
  public String fingerprint() {
    return fingerprintOf(credentialId);
  }

  /** The fingerprint of the credential with this id, without parsing its key (a replay reads only the id). */
  public static String fingerprintOf(String credentialId) {
    return "webauthn:" + credentialId;
  }

  /** The fingerprint, and the label if any: how a message names this credential. */
  String describe() {
    return label == null || label.isBlank() ? fingerprint() : fingerprint() + " (" + label + ")";
  }
}
