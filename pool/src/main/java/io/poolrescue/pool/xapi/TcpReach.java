package io.poolrescue.pool.xapi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Whether anything accepts a TCP connection at a host's XAPI port: the only test of silence. */
final class TcpReach {
  private TcpReach() {}

  /** Empty when a connection was accepted; otherwise why none was. */
  static Optional<String> silence(URI base, Duration timeout) {
    int port = base.getPort() > 0 ? base.getPort() : ("http".equals(base.getScheme()) ? 80 : 443);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), port), (int) Math.max(1, timeout.toMillis()));
      return Optional.empty();
    } catch (SocketTimeoutException e) {
      return Optional.of("no TCP connection to port " + port + " within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return Optional.of("no TCP connection to port " + port + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
  }
}
