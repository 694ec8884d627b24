package io.poolrescue.pool.fence;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One HTTP exchange with a Redfish service, bounded in time. Anything that is not an HTTP answer
 * (refused, timeout, TLS) becomes a {@link BmcUnavailable} with a short reason. Headers and bodies
 * are never logged: they carry the password or the session token.
 */
final class RedfishHttp {
  record Response(int status, HttpHeaders headers, byte[] body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient http;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  RedfishHttp(SSLContext tls, Duration connectTimeout, Duration requestTimeout) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .sslContext(tls)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  Response send(String method, URI uri, byte[] json, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    headers.forEach(b::header);
    if (json != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (HttpConnectTimeoutException e) {
      throw new BmcUnavailable("timeout: no connection within " + connectTimeout.toMillis() + " ms");
    } catch (HttpTimeoutException e) {
      throw new BmcUnavailable("timeout: " + method + " " + uri.getPath() + " got no answer within "
          + requestTimeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new BmcUnavailable(describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BmcUnavailable("interrupted while waiting for the BMC");
    }
  }

  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return "TLS: the BMC's certificate is not accepted (" + t.getMessage() + ")";
      }
      if (t instanceof java.net.ConnectException) {
        return "unreachable: connection refused";
      }
    }
    return "unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
