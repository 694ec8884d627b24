package io.poolrescue.client.temporal;

import java.nio.file.Path;

/**
 * Which Temporal frontend and namespace to use. The defaults are the embedded dev stack's.
 *
 * @param address host:port of the frontend's gRPC endpoint
 * @param payloadKeyFile AES key file that seals every payload (requests, results, decisions) before it
 *     reaches the server; null sends plain JSON. Worker, CLI and audit must use the same one.
 * @param strictEncryption a payload that is not sealed is an error when decoding (needs a key file);
 *     switch it on once every run started before encryption has ended
 */
public record TemporalTarget(String address, String namespace, TlsSettings tls, Path payloadKeyFile,
    boolean strictEncryption) {

  public static final String DEV_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalTarget {
    if (address == null || !address.matches("[^\\s:]+:\\d{1,5}")) {
      throw new IllegalArgumentException("Temporal address must be host:port, got '" + address + "'");
    }
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    tls = tls == null ? TlsSettings.off() : tls;
    if (strictEncryption && payloadKeyFile == null) {
      throw new IllegalArgumentException("--strict-encryption (POOLRESCUE_STRICT_ENCRYPTION) needs --payload-key-file: "
          + "without a key nothing is encrypted");
    }
  }

  public TemporalTarget(String address, String namespace, TlsSettings tls, Path payloadKeyFile) {
    this(address, namespace, tls, payloadKeyFile, false);
  }

  public TemporalTarget(String address, String namespace, TlsSettings tls) {
    this(address, namespace, tls, null);
  }

  public static TemporalTarget dev(int port) {
    return new TemporalTarget("127.0.0.1:" + port, DEFAULT_NAMESPACE, TlsSettings.off());
  }
}
