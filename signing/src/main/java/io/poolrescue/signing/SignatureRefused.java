package io.poolrescue.signing;

import java.util.Objects;

/** A signature that is not accepted; {@link #reason()} is the error code, the message says why in plain words. */
public final class SignatureRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Reason {
    /** Not an SSH signature (or WebAuthn assertion) at all: armor, magic, version, lengths, encodings, trailing bytes. */
    MALFORMED,
    /** Signed for another purpose than the one being checked. */
    WRONG_NAMESPACE,
    /** A key type, signature algorithm or hash this module does not accept (ssh-rsa SHA-1, sha1, certificates...). */
    UNSUPPORTED_ALGORITHM,
    /** The cryptographic check fails: the message or the signature was changed, or another key signed. */
    BAD_SIGNATURE,
    /** A security key signed without the user touching it. */
    NO_USER_PRESENCE,
    /**
     * A WebAuthn authenticator signed without verifying the user (no PIN or biometric: the UV flag is
     * not set) where the relying party requires it.
     */
    NO_USER_VERIFICATION,
    /**
     * A WebAuthn authenticator's signature counter did not increase since its last assertion in the
     * run: the authenticator was cloned or an old assertion is sent again.
     */
    REPLAYED,
    /** Valid, but the allowed signers do not allow that key for that principal, namespace and time. */
    NOT_ALLOWED
  }

  private final Reason reason;

  public SignatureRefused(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public SignatureRefused(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
