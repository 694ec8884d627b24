package io.poolrescue.activities.policy;

/**
 * Whose signatures the worker accepts, and whether an unsigned start or decision is enough. With an
 * {@code allowedSigners} file, both default to false (signed only); without one, to true.
 *
 * @param allowedSigners OpenSSH {@code allowed_signers} file (relative to the policy file), or null
 * @param unsignedDecisions a decision without a signature counts (the Temporal Web UI cannot sign)
 * @param unsignedStarts a start without a signature is accepted, its typed {@code requestedBy} taken as is
 */
public record SignaturePolicy(String allowedSigners, Boolean unsignedDecisions, Boolean unsignedStarts) {

  public SignaturePolicy {
    boolean signers = allowedSigners != null && !allowedSigners.isBlank();
    unsignedDecisions = unsignedDecisions != null ? unsignedDecisions : !signers;
    unsignedStarts = unsignedStarts != null ? unsignedStarts : !signers;
  }
}
