package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.pool.PoolConnector;
import java.net.http.HttpClient;

/**
 * Opens {@link XapiClient}s on the hosts of one pool. The HTTP client (connection pool, TLS
 * context) is shared by every client it opens. With per-host pins configured, a host without one
 * gets the pin its master reports for it, learned before the first call to it.
 *
 * <p>Only addresses of the configuration's {@link io.poolrescue.pool.AddressAllowlist} are connected
 * to: any other gets an {@link io.poolrescue.pool.AddressNotAllowedException} before a single byte is
 * sent, so the pool's password goes only to the pool's own hosts.
 */
public final class XapiConnector implements PoolConnector {
  private final XapiClientConfig config;
  private final JsonRpcTransport rpc;
  private final TaskTrackedTransfer transfers;
  private final LearnedPins learned = new LearnedPins();
  private final KnownMasters masters = new KnownMasters();

  public XapiConnector(XapiClientConfig config) {
    this.config = config;
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout())
        .sslContext(ClientTls.context(config, learned::get))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.rpc = new JsonRpcTransport(http, new ObjectMapper(), config.readTimeouts());
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
    config.requireAllowed(address); // before any connection, pin learning or login
    if ("https".equals(config.scheme()) && !config.hostPins().isEmpty()
        && !config.hostPins().containsKey(address) && learned.get(address) == null) {
      learned.learn(address, config.hostPins().keySet(), this::clientAt);
    }
    return clientAt(address);
  }

  /** The pins learned from masters, for tests. */
  LearnedPins learnedPins() {
    return learned;
  }

  private XapiClient clientAt(String address) {
    return new XapiClient(config, rpc, transfers, address, masters);
  }

  @Override
  public String toString() {
    return "XapiConnector[" + config.scheme() + " port " + config.port() + " as " + config.user() + ", "
        + config.allowlist().describe() + "]";
  }
}
