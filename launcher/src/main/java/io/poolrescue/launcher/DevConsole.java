package io.poolrescue.launcher;

import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.console.ConsoleServer;
import io.poolrescue.console.ConsoleSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

/** The console inside {@code poolrescue dev}: on localhost (a secure context for WebAuthn), with the pool page. */
final class DevConsole implements AutoCloseable {
  private final TemporalSession session;
  private final ConsoleServer server;

  private DevConsole(TemporalSession session, ConsoleServer server) {
    this.session = session;
    this.server = server;
  }

  static DevConsole start(DevStackInfo info, int port) {
    TemporalSession session = TemporalSession.open(TemporalOptions.at(info.temporal()), "console");
    try {
      return new DevConsole(session, ConsoleServer.start(new ConsoleSettings("127.0.0.1", port,
          Path.of(info.webauthnCredentials()), URI.create(info.admin())), session));
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The port asked for, or for 0 a free one now (the console binds it a moment later). */
  static int port(int asked) {
    if (asked != 0) {
      return asked;
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the console", e);
    }
  }

  String url() {
    return "http://localhost:" + server.port() + "/";
  }

  @Override
  public void close() {
    server.close();
    session.close();
  }
}
