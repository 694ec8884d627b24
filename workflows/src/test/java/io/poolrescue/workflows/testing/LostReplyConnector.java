package io.poolrescue.workflows.testing;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.PoolUnreachableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Loses the reply to one call: the first time the named {@link PoolClient} method is called, the call
 * reaches the pool and takes effect, then the worker sees the read timeout XapiClient reports when no
 * answer comes ({@link PoolUnreachableException} caused by an {@link HttpTimeoutException}), so
 * Temporal retries the activity. Every later call passes through; {@code which} narrows the call by
 * its arguments (the real database restore, not its dry run).
 */
public final class LostReplyConnector {
  private final String method;
  private final Predicate<Object[]> which;
  private final AtomicBoolean lost = new AtomicBoolean();

  public LostReplyConnector(String method, Predicate<Object[]> which) {
    this.method = method;
    this.which = which;
  }

  public LostReplyConnector(String method) {
    this(method, args -> true);
  }

  /** Whether the reply was lost yet: a test checks it so that it cannot pass without the fault. */
  public boolean lost() {
    return lost.get();
  }

  public PoolConnector wrap(PoolConnector real) {
    return address -> {
      PoolClient c = real.connect(address);
      return (PoolClient) Proxy.newProxyInstance(PoolClient.class.getClassLoader(), new Class<?>[] {PoolClient.class},
          (proxy, m, args) -> {
            Object result;
            try {
              result = m.invoke(c, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            if (m.getName().equals(method) && which.test(args) && lost.compareAndSet(false, true)) {
              HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
              throw new PoolUnreachableException(address, method + " failed: HttpTimeoutException: "
                  + timeout.getMessage(), timeout);
            }
            return result;
          });
    };
  }
}
