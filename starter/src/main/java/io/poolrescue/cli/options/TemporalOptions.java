package io.poolrescue.cli.options;

import io.poolrescue.worker.temporal.TemporalTarget;
import io.poolrescue.worker.temporal.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the Temporal frontend is; shared by every command. Defaults to the embedded dev stack. */
public class TemporalOptions {

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:POOLRESCUE_TEMPORAL:-" + TemporalTarget.DEV_ADDRESS + "}",
      description = "Temporal frontend (default: ${DEFAULT-VALUE}, the dev stack; env POOLRESCUE_TEMPORAL)")
  String address;

  @Option(
      names = "--namespace",
      defaultValue = "${env:POOLRESCUE_NAMESPACE:-" + TemporalTarget.DEFAULT_NAMESPACE + "}",
      description = "Temporal namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--tls", description = "Use TLS (system trust store unless --tls-ca)")
  boolean tls;

  @Option(names = "--tls-ca", paramLabel = "PEM", description = "CA certificate that signed the frontend's certificate")
  Path tlsCa;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Client certificate for mutual TLS")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Client private key (PKCS#8) for mutual TLS")
  Path tlsKey;

  @Option(names = "--tls-server-name", paramLabel = "NAME", description = "Name expected in the server certificate")
  String tlsServerName;

  @Option(
      names = "--payload-key-file",
      paramLabel = "FILE",
      defaultValue = "${env:POOLRESCUE_PAYLOAD_KEY_FILE}",
      description = "Key file sealing payloads with AES-GCM; must match the worker's (env POOLRESCUE_PAYLOAD_KEY_FILE)")
  Path payloadKeyFile;

  @Option(
      names = "--connect-timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Give up reaching Temporal after this long (default: ${DEFAULT-VALUE})")
  int connectTimeoutSeconds;

  /** Plain (no TLS) connection to a frontend, default namespace: the dev stack the demo starts. */
  public static TemporalOptions at(String address) {
    TemporalOptions o = new TemporalOptions();
    o.address = address;
    o.namespace = TemporalTarget.DEFAULT_NAMESPACE;
    o.connectTimeoutSeconds = 10;
    return o;
  }

  public TemporalTarget target() {
    return new TemporalTarget(address, namespace, new TlsSettings(tls, tlsCa, tlsCert, tlsKey, tlsServerName),
        payloadKeyFile);
  }

  public Duration connectTimeout() {
    return Duration.ofSeconds(Math.max(1, connectTimeoutSeconds));
  }
}
