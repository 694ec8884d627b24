package io.poolrescue.pool.fence;

/**
 * Inside an agent: the BMC could not be read (unreachable, timeout, refused, nonsense). Always
 * turned into an UNKNOWN reading before it leaves the agent. The reason never holds a credential.
 */
final class BmcUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BmcUnavailable(String reason) {
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }
}
