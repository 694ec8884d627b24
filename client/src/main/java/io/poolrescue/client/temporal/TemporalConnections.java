package io.poolrescue.client.temporal;

import com.uber.m3.tally.Scope;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.poolrescue.client.codec.PoolRescueDataConverter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Opens gRPC stubs and a client on a {@link TemporalTarget}; shared by the worker, the dev stack and the CLI. */
public final class TemporalConnections {
  private TemporalConnections() {}

  /** Stubs options without connecting: what {@link #connect} uses, visible for tests. */
  public static WorkflowServiceStubsOptions options(TemporalTarget target, Scope metricsScope) {
    WorkflowServiceStubsOptions.Builder b = WorkflowServiceStubsOptions.newBuilder().setTarget(target.address());
    TlsSettings tls = target.tls();
    if (tls.enabled()) {
      SslContext ssl;
      try {
        ssl = tls.sslContext();
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      if (ssl == null) {
        b.setEnableHttps(true);
      } else {
        b.setSslContext(ssl);
      }
      if (tls.serverName() != null) {
        b.setChannelInitializer(channel -> channel.overrideAuthority(tls.serverName()));
      }
    }
    if (metricsScope != null) {
      b.setMetricsScope(metricsScope);
    }
    return b.build();
  }

  /** Connects and checks the frontend's health, so an unreachable server is one clear error, not a retry loop. */
  public static WorkflowServiceStubs connect(TemporalTarget target, Scope metricsScope, Duration timeout) {
    WorkflowServiceStubsOptions options = options(target, metricsScope);
    refuseFast(target, timeout);
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(options, timeout);
    } catch (StatusRuntimeException e) {
      throw new TemporalUnreachableException(
          "cannot reach Temporal at " + target.address() + " (" + e.getStatus().getCode() + ")", e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        throw new TemporalUnreachableException(
            "cannot reach Temporal at " + target.address() + " (" + s.getStatus().getCode() + ")", e);
      }
      throw e;
    }
  }

  /**
   * gRPC keeps retrying a refused connection with backoff until the deadline; a plain TCP connect
   * first turns "nothing listens there" into an immediate, clear error.
   */
  private static void refuseFast(TemporalTarget target, Duration timeout) {
    int colon = target.address().lastIndexOf(':');
    String host = target.address().substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(target.address().substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Temporal address must be host:port, got '" + target.address() + "'");
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    } catch (IOException e) {
      throw new TemporalUnreachableException(
          "cannot reach Temporal at " + target.address() + " (" + e.getMessage() + ")", e);
    }
  }

  public static WorkflowClient client(WorkflowServiceStubs stubs, TemporalTarget target, String identity) {
    WorkflowClientOptions.Builder b = WorkflowClientOptions.newBuilder()
        .setNamespace(target.namespace())
        .setDataConverter(PoolRescueDataConverter.create(target.payloadKeyFile(), target.strictEncryption()));
    if (identity != null) {
      b.setIdentity(identity);
    }
    return WorkflowClient.newInstance(stubs, b.build());
  }
}
