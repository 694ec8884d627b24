package io.poolrescue.client.temporal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to reach a Temporal frontend over TLS. Off: plain gRPC (the dev stack). On without files: the
 * system trust store (Temporal Cloud, a cluster with a public certificate). A CA file pins a private
 * CA; a client certificate and key (PEM, PKCS#8) turn on mutual TLS.
 *
 * @param serverName overrides the name checked in the server certificate (when dialling by IP)
 */
public record TlsSettings(boolean enabled, Path caFile, Path certFile, Path keyFile, String serverName) {

  public static TlsSettings off() {
    return new TlsSettings(false, null, null, null, null);
  }

  public TlsSettings {
    boolean anyFile = caFile != null || certFile != null || keyFile != null || serverName != null;
    enabled = enabled || anyFile;
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("mutual TLS needs both --tls-cert and --tls-key");
    }
  }

  public boolean mutual() {
    return certFile != null;
  }

  /** Null when the system trust store and no client certificate will do (the SDK's own https mode). */
  SslContext sslContext() throws IOException {
    if (!enabled || (caFile == null && certFile == null)) {
      return null;
    }
    Path ca = caFile == null ? null : readable(caFile, "--tls-ca");
    Path cert = certFile == null ? null : readable(certFile, "--tls-cert");
    Path key = keyFile == null ? null : readable(keyFile, "--tls-key");
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (ca != null) {
        builder.trustManager(ca.toFile());
      }
      if (cert != null) {
        builder.keyManager(cert.toFile(), key.toFile());
      }
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot build TLS context from the given PEM files: " + e.getMessage(), e);
    }
  }

  private static Path readable(Path p, String flag) throws IOException {
    if (!Files.isReadable(p)) {
      throw new IOException(flag + " " + p + ": no such readable file");
    }
    return p;
  }
}
