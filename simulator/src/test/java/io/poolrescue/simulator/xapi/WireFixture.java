package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.SimulatedPool;
import java.time.Duration;

/**
 * A simulated pool served by {@link XapiServer} on loopback, and a connector reaching it the way a
 * worker reaches a real pool: over HTTP, with the password read from the environment (surefire sets
 * {@code POOLRESCUE_TEST_XAPI_PASSWORD} to the presets' password).
 */
public final class WireFixture implements AutoCloseable {
  public static final String PASSWORD_ENV = "POOLRESCUE_TEST_XAPI_PASSWORD";
  /** The addresses of the "small" preset's hosts. */
  public static final String MASTER = "127.0.10.1";
  public static final String MEMBER_2 = "127.0.10.2";
  public static final String MEMBER_3 = "127.0.10.3";

  public final SimulatedPool sim;
  public final XapiServer server;
  public final XapiConnector connector;

  public WireFixture(SimulatedPool sim, XapiServerOptions options) {
    this.sim = sim;
    this.server = XapiServer.start(sim, options);
    this.connector = new XapiConnector(config().build());
  }

  public WireFixture(SimulatedPool sim) {
    this(sim, XapiServerOptions.defaults());
  }

  public static WireFixture small() {
    return new WireFixture(SimulatedPool.preset("small"));
  }

  /** The client settings for this server, to adjust per test. */
  public XapiClientConfig.Builder config() {
    return XapiClientConfig.builder()
        .scheme(server.scheme())
        .port(server.port())
        .user("root")
        .credentials(new CredentialSource.FromEnv(PASSWORD_ENV))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(30))
        .taskTimeout(Duration.ofSeconds(30));
  }

  public XapiClient client(String address) {
    return connector.connect(address);
  }

  /** The host record of the machine at this address, from the pool's current snapshot. */
  public Host hostAt(String address) {
    return sim.snapshot().hosts().stream().filter(h -> h.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no host at " + address));
  }

  public XapiClient master() {
    return client(sim.masterAddress());
  }

  @Override
  public void close() {
    server.close();
  }
}
