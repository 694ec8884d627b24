package io.poolrescue.worker.temporal;

/**
 * Which Temporal frontend and namespace to use. The defaults are the embedded dev stack's.
 *
 * @param address host:port of the frontend's gRPC endpoint
 */
public record TemporalTarget(String address, String namespace, TlsSettings tls) {

  public static final String DEV_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalTarget {
    if (address == null || !address.matches("[^\\s:]+:\\d{1,5}")) {
      throw new IllegalArgumentException("Temporal address must be host:port, got '" + address + "'");
    }
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    tls = tls == null ? TlsSettings.off() : tls;
  }

  public static TemporalTarget dev(int port) {
    return new TemporalTarget("127.0.0.1:" + port, DEFAULT_NAMESPACE, TlsSettings.off());
  }
}
