package io.poolrescue.client.options;

import io.poolrescue.client.temporal.TemporalTarget;
import io.poolrescue.client.temporal.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How to reach the Temporal frontend: the one set of connection flags that the worker and every CLI
 * command share, each with the same {@code POOLRESCUE_*} environment variable. Defaults to the
 * embedded dev stack.
 */
public class TemporalOptions {
  /** How long a CLI command tries to reach Temporal before it gives up. */
  public static final Duration CLI_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:POOLRESCUE_TEMPORAL:-" + TemporalTarget.DEV_ADDRESS + "}",
      description = "Temporal frontend (default: ${DEFAULT-VALUE}, the dev stack; env POOLRESCUE_TEMPORAL)")
  String address;

  @Option(
      names = "--namespace",
      defaultValue = "${env:POOLRESCUE_NAMESPACE:-" + TemporalTarget.DEFAULT_NAMESPACE + "}",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}; env POOLRESCUE_NAMESPACE)")
  String namespace;

  @Option(
      names = "--tls",
      defaultValue = "${env:POOLRESCUE_TLS:-false}",
      description = "Use TLS (system trust store unless --tls-ca; env POOLRESCUE_TLS)")
  boolean tls;

  @Option(
      names = "--tls-ca",
      paramLabel = "PEM",
      defaultValue = "${env:POOLRESCUE_TLS_CA}",
      description = "CA certificate that signed the frontend's certificate (env POOLRESCUE_TLS_CA)")
  Path tlsCa;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      defaultValue = "${env:POOLRESCUE_TLS_CERT}",
      description = "Client certificate for mutual TLS (env POOLRESCUE_TLS_CERT)")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      defaultValue = "${env:POOLRESCUE_TLS_KEY}",
      description = "Client private key (PKCS#8) for mutual TLS (env POOLRESCUE_TLS_KEY)")
  Path tlsKey;

  @Option(
      names = "--tls-server-name",
      paramLabel = "NAME",
      defaultValue = "${env:POOLRESCUE_TLS_SERVER_NAME}",
      description = "Name expected in the server certificate (env POOLRESCUE_TLS_SERVER_NAME)")
  String tlsServerName;

  @Option(
      names = "--payload-key-file",
      paramLabel = "FILE",
      defaultValue = "${env:POOLRESCUE_PAYLOAD_KEY_FILE}",
      description = "Key file sealing every payload with AES-GCM; worker, CLI and audit need the same file "
          + "(env POOLRESCUE_PAYLOAD_KEY_FILE)")
  Path payloadKeyFile;

  @Option(
      names = "--strict-encryption",
      defaultValue = "${env:POOLRESCUE_STRICT_ENCRYPTION:-false}",
      description = "Refuse any payload that is not encrypted (needs --payload-key-file); switch it on once every "
          + "run started before encryption has ended (env POOLRESCUE_STRICT_ENCRYPTION)")
  boolean strictEncryption;

  @Option(
      names = "--connect-timeout",
      paramLabel = "SECONDS",
      defaultValue = "${env:POOLRESCUE_CONNECT_TIMEOUT}",
      description = "Give up reaching Temporal after this long (default: 5 for a command, 30 for the worker; "
          + "env POOLRESCUE_CONNECT_TIMEOUT)")
  Integer connectTimeoutSeconds;

  /** Plain (no TLS) connection to a frontend, default namespace: the dev stack the demo starts. */
  public static TemporalOptions at(String address) {
    TemporalOptions o = new TemporalOptions();
    o.address = address;
    o.namespace = TemporalTarget.DEFAULT_NAMESPACE;
    o.connectTimeoutSeconds = 10;
    return o;
  }

  public TemporalTarget target() {
    return new TemporalTarget(address, namespace,
        new TlsSettings(tls, tlsCa, tlsCert, tlsKey, blankToNull(tlsServerName)), payloadKeyFile,
        strictEncryption);
  }

  /** The timeout given on the command line or in the environment, else {@code fallback}. */
  public Duration connectTimeout(Duration fallback) {
    return connectTimeoutSeconds == null ? fallback : Duration.ofSeconds(Math.max(1, connectTimeoutSeconds));
  }

  public Duration connectTimeout() {
    return connectTimeout(CLI_CONNECT_TIMEOUT);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
