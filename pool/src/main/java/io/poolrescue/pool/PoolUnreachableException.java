package io.poolrescue.pool;

/**
 * The host could not be reached at all (connection refused, timed out, TLS failure, a reply that
 * is not XAPI). Unlike a {@link XapiException} this says nothing about the pool's state, so callers
 * may retry it.
 */
public class PoolUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String address;

  public PoolUnreachableException(String address, String message, Throwable cause) {
    super(address + ": " + message, cause);
    this.address = address;
  }

  public String address() {
    return address;
  }
}
