package io.poolrescue.devstack;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server as a gRPC endpoint on loopback, in REAL time: timers wait for the wall
 * clock, so a gate that expires in 4 hours waits 4 hours and a human can approve it.
 *
 * <p>Why not {@code TestServer.createPortBoundServer(port)}: it binds every interface and cannot tell
 * which port it got. The same services are bound here to 127.0.0.1 only (an unauthenticated
 * Temporal must not be reachable from the network), and port 0 picks a free port.
 */
public final class DevTemporalServer implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server server;

  private DevTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  public static DevTemporalServer start(int port) {
    // lockTimeSkipping = true: never skip time, exactly like a real server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      return new DevTemporalServer(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /** host:port for {@code --temporal}. */
  public String target() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
