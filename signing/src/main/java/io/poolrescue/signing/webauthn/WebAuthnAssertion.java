package io.poolrescue.signing.webauthn;

/**
 * What the browser returns from {@code navigator.credentials.get()}, each field base64url without
 * padding: {@code PublicKeyCredential.id} and the {@code AuthenticatorAssertionResponse}'s
 * {@code authenticatorData}, {@code clientDataJSON} and {@code signature}. Nothing is checked here:
 * {@link WebAuthnAssertions#verify} refuses what is wrong with a reason.
 */
public record WebAuthnAssertion(String credentialId, String authenticatorData, String clientDataJSON, String signature) {}
