package io.poolrescue.client.temporal;


/** The Temporal frontend did not answer (nothing listening, TLS mismatch, timeout). */
public class TemporalUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemporalUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
