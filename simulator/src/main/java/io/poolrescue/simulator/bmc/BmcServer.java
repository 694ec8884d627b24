package io.poolrescue.simulator.bmc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.poolrescue.simulator.BmcState;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.tls.TlsIdentity;
import io.poolrescue.simulator.xapi.AddressListeners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every simulated machine's BMC as a DMTF Redfish service, each at its own loopback address
 * (host 127.a.b.c: BMC 127.(a+1).b.c) on one shared port, over HTTPS with a certificate generated
 * per BMC. What it reports is the physical truth from {@link SimulatedPool#bmcs()}. Machines added
 * later (fresh hosts) are bound by a look every 200 ms.
 */
public final class BmcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BmcServer.class);

  static {
    // as XapiServer: without TCP_NODELAY each reply waits for the client's delayed ACK (~40 ms)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatedPool sim;
  private final BmcServerOptions options;
  private final ObjectMapper json = new ObjectMapper();
  private final RedfishSessions sessions = new RedfishSessions();
  private final Map<String, TlsIdentity> identities = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> daemon(r, "bmc-sim-worker"));
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      r -> daemon(r, "bmc-sim-bind"));
  private final AddressListeners listeners;

  private BmcServer(SimulatedPool sim, BmcServerOptions options) {
    this.sim = sim;
    this.options = options;
    this.listeners = new AddressListeners(workers, options.https() ? a -> identity(a).sslContext() : null,
        this::addContexts);
  }

  public static BmcServer start(SimulatedPool sim, BmcServerOptions options) {
    BmcServer server = new BmcServer(sim, options);
    try {
      server.listeners.start(server.addresses(), options.port());
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e instanceof IOException io ? new UncheckedIOException("cannot start the simulated BMCs", io)
          : (RuntimeException) e;
    }
    server.poller.scheduleWithFixedDelay(server::refreshQuietly, 200, 200, TimeUnit.MILLISECONDS);
    log.info("simulated BMCs serving {} on port {} ({})", server.listeners.served(), server.port(),
        options.scheme());
    return server;
  }

  public static BmcServer start(SimulatedPool sim) {
    return start(sim, BmcServerOptions.defaults());
  }

  public int port() {
    return listeners.port();
  }

  public String scheme() {
    return options.scheme();
  }

  /** The base URL of the BMC at that address. */
  public URI uri(String bmcAddress) {
    return URI.create(scheme() + "://" + bmcAddress + ":" + port());
  }

  /** Every BMC with what an inventory needs: URL, login, TLS pin, serial. */
  public List<SimulatedBmc> bmcs() {
    return sim.bmcs().stream().map(this::describe).toList();
  }

  /** The certificate the BMC at that address presents. */
  public TlsIdentity identity(String bmcAddress) {
    return identities.computeIfAbsent(bmcAddress, a -> TlsIdentity.generate("poolrescue simulated BMC " + a, a));
  }

  /** Binds the BMCs of machines added since the last look. */
  public void refresh() {
    listeners.bindNew(addresses());
  }

  private SimulatedBmc describe(BmcState b) {
    return new SimulatedBmc(b.hostUuid(), b.nameLabel(), b.serial(), uri(b.address()).toString(), b.user(),
        b.password(), options.https() ? identity(b.address()).sha256() : null);
  }

  private List<String> addresses() {
    return sim.bmcs().stream().map(BmcState::address).distinct().toList();
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("looking for new simulated BMCs failed", e);
    }
  }

  private void addContexts(HttpServer server, String address) {
    server.createContext("/", new RedfishEndpoint(address, sim, sessions, json));
  }

  @Override
  public void close() {
    poller.shutdownNow();
    listeners.stopAll();
    workers.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
