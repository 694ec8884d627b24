package io.poolrescue.simulator.xapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. A body over the limit is refused, but first read and thrown
 * away up to {@link #DRAIN_CAP} so that the client, still sending, gets to read the refusal instead
 * of a reset connection; beyond that cap the connection is simply closed.
 */
final class BoundedBody {
  private BoundedBody() {}

  static final long DRAIN_CAP = 64L << 20;

  /** The body was larger than allowed. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("request body exceeds the limit of " + limit + " bytes");
    }
  }

  /** The declared Content-Length, or -1 when absent (chunked) or unreadable. */
  static long declaredLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static byte[] read(HttpExchange exchange, long limit) throws IOException, TooLarge {
    long declared = declaredLength(exchange);
    InputStream in = exchange.getRequestBody();
    if (declared > limit) {
      drain(in);
      throw new TooLarge(limit);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > limit) {
        drain(in);
        throw new TooLarge(limit);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long drained = 0;
    int n;
    while (drained < DRAIN_CAP && (n = in.read(buffer)) > 0) {
      drained += n;
    }
  }
}
