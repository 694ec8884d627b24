package io.poolrescue.pool.xapi;

/** A password (XAPI, BMC) could not be read from its source. The message names the source, never a secret. */
public class CredentialsUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;

  public CredentialsUnavailableException(String source, String reason) {
    super("cannot read the password from " + source + ": " + reason);
    this.source = source;
  }

  public String source() {
    return source;
  }
}
