package io.poolrescue.simulator.xapi;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server per simulated address, all on the same port, so that each host of the pool is
 * reached at its own IP like on a real network. On Linux the whole of 127.0.0.0/8 is local, so the
 * simulator's 127.0.x.y addresses bind without any setup. An address that cannot be bound (not
 * local on this machine, or the port is taken there) is logged once and left unserved: clients see
 * it as unreachable. An address can be closed and bound again ({@link #listenOnly}). Public for the
 * simulated BMCs, which listen the same way.
 */
public final class AddressListeners {
  private static final Logger log = LoggerFactory.getLogger(AddressListeners.class);
  private static final int PORT_ATTEMPTS = 10;

  private final Executor executor;
  private final Function<String, SSLContext> tls;
  private final BiConsumer<HttpServer, String> contexts;
  private final Map<String, HttpServer> servers = new LinkedHashMap<>();
  private final Set<String> unusable = ConcurrentHashMap.newKeySet();
  private int port;

  /** {@code tls} gives each address its TLS context; null serves plain HTTP. */
  public AddressListeners(Executor executor, Function<String, SSLContext> tls, BiConsumer<HttpServer, String> contexts) {
    this.executor = executor;
    this.tls = tls;
    this.contexts = contexts;
  }

  /** Binds every address on one port: {@code requested}, or a free one found by trying. */
  public synchronized int start(List<String> addresses, int requested) throws IOException {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("the simulation has no address to serve");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        port = bindFirst(addresses, requested);
        for (String a : addresses.subList(1, addresses.size())) {
          bindOrSkip(a);
        }
        return port;
      } catch (PortTaken e) {
        stopAll();
        if (requested != 0 || attempt >= PORT_ATTEMPTS) {
          throw new BindException("port " + e.port + " is already used on " + e.address);
        }
        log.debug("port {} taken on {}; trying another", e.port, e.address);
      }
    }
  }

  private int bindFirst(List<String> addresses, int requested) throws IOException {
    for (String a : addresses) {
      try {
        HttpServer s = bind(a, requested);
        return s.getAddress().getPort();
      } catch (BindException e) {
        if (requested != 0 && bindable(a)) {
          throw new PortTaken(a, requested);
        }
        markUnusable(a, e);
      }
    }
    throw new BindException("none of the simulation's addresses can be bound on this machine: " + addresses);
  }

  /** Binds addresses not served yet (fresh hosts added to the simulation). */
  public synchronized void bindNew(List<String> addresses) {
    for (String a : addresses) {
      if (!servers.containsKey(a) && !unusable.contains(a)) {
        try {
          bindOrSkip(a);
        } catch (PortTaken e) {
          markUnusable(a, new BindException("port " + port + " already used there"));
        }
      }
    }
  }

  /**
   * Listens at exactly the addresses of {@code up} (those that can be bound): the others are closed,
   * since a machine that is off or cut from the network accepts no TCP connection. Never calls out.
   */
  public synchronized void listenOnly(Collection<String> up) {
    servers.entrySet().removeIf(e -> {
      boolean close = !up.contains(e.getKey());
      if (close) {
        e.getValue().stop(0);
      }
      return close;
    });
    bindNew(List.copyOf(up));
  }

  public synchronized List<String> served() {
    return new ArrayList<>(servers.keySet());
  }

  public synchronized int port() {
    return port;
  }

  private void bindOrSkip(String address) {
    try {
      bind(address, port);
    } catch (BindException e) {
      if (bindable(address)) {
        throw new PortTaken(address, port);
      }
      markUnusable(address, e);
    } catch (IOException e) {
      markUnusable(address, e);
    }
  }

  private HttpServer bind(String address, int onPort) throws IOException {
    InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(address), onPort);
    HttpServer s;
    if (tls == null) {
      s = HttpServer.create(at, 64);
    } else {
      HttpsServer https = HttpsServer.create(at, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.apply(address)));
      s = https;
    }
    contexts.accept(s, address);
    s.setExecutor(executor);
    s.start();
    servers.put(address, s);
    return s;
  }

  /** True when the address itself can be bound (so a failure was the port, not the address). */
  private static boolean bindable(String address) {
    try {
      new ServerSocket(0, 1, InetAddress.getByName(address)).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void markUnusable(String address, IOException e) {
    if (unusable.add(address)) {
      log.warn("cannot serve simulated host address {}: {}", address, e.getMessage());
    }
  }

  public synchronized void stopAll() {
    servers.values().forEach(s -> s.stop(0));
    servers.clear();
  }

  /** Thrown inside this class when the shared port is taken on one address. */
  private static final class PortTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient String address;
    final int port;

    PortTaken(String address, int port) {
      super(null, null, false, false);
      this.address = address;
      this.port = port;
    }
  }
}
