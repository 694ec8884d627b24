package io.poolrescue.simulator.bmc;

/**
 * How {@link BmcServer} listens.
 *
 * @param port the port every BMC address listens on; 0 picks a free one at start
 * @param https HTTPS with a certificate generated per BMC (as real BMCs ship self-signed ones);
 *     false for plain HTTP, acceptable on loopback only
 */
public record BmcServerOptions(int port, boolean https) {

  public BmcServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** HTTPS on a free port. */
  public static BmcServerOptions defaults() {
    return new BmcServerOptions(0, true);
  }

  public BmcServerOptions withPort(int port) {
    return new BmcServerOptions(port, https);
  }

  public BmcServerOptions plainHttp() {
    return new BmcServerOptions(port, false);
  }

  public String scheme() {
    return https ? "https" : "http";
  }
}
