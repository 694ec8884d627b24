package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.contract.PoolClientContract;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The contract over the wire: every operation goes through {@link XapiClient}, JSON-RPC and the
 * HTTP handlers over loopback HTTP to an {@link XapiServer} serving the test's simulated pool, each
 * host at its own 127.0.x.y address. The same suite runs in-process in SimulatedPoolContractTest.
 */
class XapiWireContractTest extends PoolClientContract {
  private final Map<SimulatedPool, XapiServer> servers = new IdentityHashMap<>();

  @Override
  protected PoolConnector connectorFor(SimulatedPool sim) {
    XapiServer server = XapiServer.start(sim, XapiServerOptions.defaults().withBindPoll(Duration.ZERO));
    servers.put(sim, server);
    return new XapiConnector(XapiClientConfig.builder()
        .scheme("http")
        .port(server.port())
        .user("root")
        .credentials(new CredentialSource.FromEnv(WireFixture.PASSWORD_ENV))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(30))
        .taskTimeout(Duration.ofSeconds(30))
        .build());
  }

  @Override
  protected void release(SimulatedPool sim) {
    XapiServer server = servers.remove(sim);
    if (server != null) {
      server.close();
    }
  }
}
