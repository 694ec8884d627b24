package io.poolrescue.signing.webauthn;

import java.util.Objects;

/**
 * A verified assertion: the credential that made it, the signature counter it reported (the next
 * one must be higher, unless the authenticator always says 0) and whether it verified the user.
 */
public record VerifiedAssertion(WebAuthnCredential credential, long signCount, boolean userVerified) {
  public VerifiedAssertion {
    Objects.requireNonNull(credential, "credential");
  }
}
