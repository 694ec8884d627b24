package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.simulator.MachineState;
import io.poolrescue.simulator.SimulatedPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.poolrescue.simulator.tls.TlsIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link SimulatedPool} over XAPI's wire protocol: JSON-RPC at {@code /jsonrpc} (and
 * {@code /json}) and the HTTP handlers, each simulated host at its own loopback address on one
 * shared port. What a client sees at an address follows the simulator: nothing listens at the
 * address of a host that is down or cut from the network (the connection is refused), one that
 * refuses service answers its error to all but the emergency calls, a member answers
 * {@code session.login_with_password} with {@code HOST_IS_SLAVE}.
 *
 * <p>The server watches the simulation ({@link SimulatedPool#watchMachines}): a fault injected, a
 * BMC reset or a fresh host added closes or binds addresses at once; changes that come with time
 * (a shutdown or boot that ends) are seen by {@link #refresh()} and by a background look every
 * {@link XapiServerOptions#bindPoll()}.
 */
public final class XapiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(XapiServer.class);

  static {
    // The JDK server writes headers and body as two segments; with Nagle on, each reply then waits
    // for the client's delayed ACK (about 40 ms on Linux loopback). Read once, when the first
    // HttpServer is created, so an explicit setting by the application wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatedPool sim;
  private final XapiServerOptions options;
  private final ServerContext context;
  private final Dispatcher dispatcher;
  private final JsonRpcCodec codec;
  private final Map<String, List<HttpAction>> actionsByPath = new LinkedHashMap<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService poller;
  private final AddressListeners listeners;
  private final ServerIdentities identities;
  private final WireFaults faults;
  private final ServedFaults served;
  private volatile Runnable unwatch = () -> {};

  private XapiServer(SimulatedPool sim, XapiServerOptions options) {
    this.sim = sim;
    this.options = options;
    ObjectMapper json = new ObjectMapper();
    ServedSite site = new ServedSite(sim, new RecordEncoder(json));
    this.identities = ServerIdentities.of(options.tls());
    EventHub events = new EventHub();
    this.context = new ServerContext(site, new SessionTable(), new TaskTable(site), json, identities, events);
    this.dispatcher = new Dispatcher(MethodTable.standard(events), context);
    this.codec = new JsonRpcCodec(json);
    HttpActions.all().forEach(a -> actionsByPath.computeIfAbsent(a.path(), p -> new ArrayList<>()).add(a));
    ThreadPoolExecutor pool = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemon("xapi-sim-worker"));
    pool.allowCoreThreadTimeOut(true); // a thread per call in flight, none kept idle
    this.workers = pool;
    this.poller = Executors.newSingleThreadScheduledExecutor(daemon("xapi-sim-bind"));
    this.faults = new WireFaults(options.faults());
    this.served = new ServedFaults(faults, site);
    this.listeners = new AddressListeners(workers, options.tls() == null ? null : identities::context,
        this::addContexts);
  }

  /** Starts serving every address of the simulation; see {@link #port()} for the port chosen. */
  public static XapiServer start(SimulatedPool sim, XapiServerOptions options) {
    XapiServer server = new XapiServer(sim, options);
    try {
      server.listeners.start(sim.addresses(), options.port());
      server.unwatch = sim.watchMachines(server::listenTo);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e instanceof IOException io ? new UncheckedIOException("cannot start the XAPI simulator", io)
          : (RuntimeException) e;
    }
    if (!options.bindPoll().isZero()) {
      long every = options.bindPoll().toMillis();
      server.poller.scheduleWithFixedDelay(server::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    }
    log.info("XAPI simulator serving {} on port {} ({})", server.servedAddresses(), server.port(), options.scheme());
    return server;
  }

  public static XapiServer start(SimulatedPool sim) {
    return start(sim, XapiServerOptions.defaults());
  }

  public int port() {
    return listeners.port();
  }

  public String scheme() {
    return options.scheme();
  }

  /** {@code scheme://address:port}, the base URL of one simulated host. */
  public URI uri(String address) {
    return URI.create(scheme() + "://" + address + ":" + port());
  }

  /**
   * The certificate the host at this address presents (over HTTPS) and reports through
   * {@code host.get_server_certificate}.
   */
  public TlsIdentity identity(String address) {
    return identities.identity(address);
  }

  /** How many calls (JSON-RPC and HTTP handlers) clients sent so far, at any address. */
  public long callsServed() {
    return served.calls();
  }

  /** The faults injected so far (none unless the options carry a {@link WireFaultPlan}). */
  public WireFaults faults() {
    return faults;
  }

  /** The addresses currently listened on. */
  public List<String> servedAddresses() {
    return listeners.served();
  }

  /** Listens at the addresses of the machines that are reachable now, and only there. */
  public void refresh() {
    sim.publishMachines();
  }

  /**
   * {@code connector}, bringing the served addresses up to the pool's clock before each connection.
   * For a clock that jumps (Temporal's time-skipping test server moves minutes between two
   * activities), faster than the background look: an agent restart that ended would otherwise keep
   * its address refusing connections over many skipped polls. A real network is always up to date.
   */
  public PoolConnector refreshingBeforeEachConnection(PoolConnector connector) {
    return address -> {
      refresh();
      return connector.connect(address);
    };
  }

  private void listenTo(Map<String, MachineState> machines) {
    listeners.listenOnly(machines.entrySet().stream()
        .filter(e -> !(e.getValue() instanceof MachineState.Down)).map(Map.Entry::getKey).toList());
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("looking at the simulated hosts failed", e);
    }
  }

  private void addContexts(HttpServer server, String address) {
    RpcEndpoint rpc = new RpcEndpoint(address, context.site(), dispatcher, codec, options.maxRpcBytes(), served);
    server.createContext("/jsonrpc", rpc);
    server.createContext("/json", rpc);
    actionsByPath.forEach((path, actions) -> server.createContext(path,
        new HttpActionEndpoint(address, actions, context, options.maxUploadBytes(), served)));
  }

  @Override
  public void close() {
    unwatch.run();
    poller.shutdownNow();
    listeners.stopAll();
    workers.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
