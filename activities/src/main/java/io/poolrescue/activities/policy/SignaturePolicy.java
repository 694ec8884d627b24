package io.poolrescue.activities.policy;

/**
 * Whose signatures the worker accepts, and whether an unsigned start or decision is enough. With an
 * {@code allowedSigners} or a {@code webauthnCredentials} file, both default to false (signed
 * only); without either, to true.
 *
 * @param allowedSigners OpenSSH {@code allowed_signers} file (relative to the policy file), or null
 * @param unsignedDecisions a decision without a signature counts (the Temporal Web UI cannot sign)
 * @param unsignedStarts a start without a signature is accepted, its typed {@code requestedBy} taken as is
 * @param webauthnCredentials the console's WebAuthn credentials file (relative to the policy file), or null
 */
public record SignaturePolicy(String allowedSigners, Boolean unsignedDecisions, Boolean unsignedStarts,
    String webauthnCredentials) {

  public SignaturePolicy {
    boolean signers = named(allowedSigners) || named(webauthnCredentials);
    unsignedDecisions = unsignedDecisions != null ? unsignedDecisions : !signers;
    unsignedStarts = unsignedStarts != null ? unsignedStarts : !signers;
  }

  /** The unsigned defaults of a worker without a policy file. */
  public static SignaturePolicy unsignedAccepted() {
    return new SignaturePolicy(null, true, true, null);
  }

  static boolean named(String file) {
    return file != null && !file.isBlank();
  }
}
