package io.poolrescue.audit;

/**
 * The audit cannot start from what it was given: a file that is not a history, an unknown workflow
 * type, a workflow id the cluster does not have, an encrypted history without its key. The message
 * is one line meant for the person who typed the command.
 */
public final class AuditInputException extends RuntimeException {
  public AuditInputException(String message) {
    super(message);
  }
}
