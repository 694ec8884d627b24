package io.poolrescue.workflows.api;


/**
 * A signed start, carried in the start's memo under {@link #MEMO}: the SSH signature (armored
 * SSHSIG, namespace {@code poolrescue}) of the text {@link SignedText#start} builds from the workflow
 * id, the procedure, {@code requestedBy}, {@code signedAt} and the request's {@link CanonicalJson}.
 *
 * @param signedAt ISO-8601, e.g. {@code 2026-12-01T22:15:03Z}
 */
public record StartSignature(String signedAt, String signature) {
  public static final String MEMO = "poolrescue-start-signature";
}
