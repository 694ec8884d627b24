package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.pool.PoolConnector;
import java.net.http.HttpClient;

/**
 * Opens {@link XapiClient}s on the hosts of one pool. The HTTP client (connection pool, TLS
 * context) is shared by every client it opens.
 */
public final class XapiConnector implements PoolConnector {
  private final XapiClientConfig config;
  private final JsonRpcTransport rpc;
  private final TaskTrackedTransfer transfers;

  public XapiConnector(XapiClientConfig config) {
    this.config = config;
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout())
        .sslContext(ClientTls.context(config))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.rpc = new JsonRpcTransport(http, new ObjectMapper(), config.readTimeout());
    this.transfers = new TaskTrackedTransfer(http, config);
  }

  public XapiClientConfig config() {
    return config;
  }

  @Override
  public XapiClient connect(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("a host address is required");
    }
    return new XapiClient(config, rpc, transfers, address);
  }

  @Override
  public String toString() {
    return "XapiConnector[" + config.scheme() + " port " + config.port() + " as " + config.user() + "]";
  }
}
