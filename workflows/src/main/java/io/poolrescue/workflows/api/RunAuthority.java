package io.poolrescue.workflows.api;


/**
 * Under which approval policy a run decides, as recorded when it started (status and audit).
 *
 * @param policySource the worker's policy file, or {@code built-in}
 * @param policySha256 SHA-256 of that file's bytes, to compare with the file on the worker
 * @param allowedSignersSha256 SHA-256 of the allowed_signers text signatures are checked against
 * @param signedDecisions the policy accepts signed decisions only
 * @param signedStarts the policy accepts signed starts only
 * @param starterKey the SHA256 fingerprint of the key that signed the start; null for an unsigned start
 * @param unfencedAttestation the policy lets two people attest a host off where no BMC can tell
 */
public record RunAuthority(String policySource, String policySha256, String allowedSignersSha256,
    boolean signedDecisions, boolean signedStarts, String starterKey, boolean unfencedAttestation) {}
