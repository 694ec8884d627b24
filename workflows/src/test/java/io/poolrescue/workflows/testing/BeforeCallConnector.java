package io.poolrescue.workflows.testing;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs {@code fault} once, right before the first call of the named {@link PoolClient} method, then lets the call go on. */
public final class BeforeCallConnector {
  private final String method;
  private final Runnable fault;
  private final AtomicBoolean done = new AtomicBoolean();

  public BeforeCallConnector(String method, Runnable fault) {
    this.method = method;
    this.fault = fault;
  }

  /** Whether the fault ran: a test checks it so that it cannot pass without it. */
  public boolean happened() {
    return done.get();
  }

  public PoolConnector wrap(PoolConnector real) {
    return address -> {
      PoolClient c = real.connect(address);
      return (PoolClient) Proxy.newProxyInstance(PoolClient.class.getClassLoader(), new Class<?>[] {PoolClient.class},
          (proxy, m, args) -> {
            if (m.getName().equals(method) && done.compareAndSet(false, true)) {
              fault.run();
            }
            try {
              return m.invoke(c, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    };
  }
}
