package io.poolrescue.workflows.testing;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker process's pool connection that dies with the process: after {@link #kill}, no call of this
 * worker reaches the pool any more, and the reply to a call in flight is never read (the pool still
 * finishes what it was sent, as a real pool does when its client vanishes). The threads stopped so
 * stay parked until {@link #close}. {@link #entered} reports when the watched call went out.
 */
public final class KillSwitchConnector implements AutoCloseable {
  private final String watched;
  private final CountDownLatch sent = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean killed;
  private volatile Instant sentAt;

  public KillSwitchConnector(String watchedMethod) {
    this.watched = watchedMethod;
  }

  public PoolConnector wrap(PoolConnector real) {
    return address -> {
      stopIfKilled();
      PoolClient c = real.connect(address);
      return (PoolClient) Proxy.newProxyInstance(PoolClient.class.getClassLoader(), new Class<?>[] {PoolClient.class},
          (proxy, m, args) -> {
            stopIfKilled();
            if (m.getName().equals(watched) && sentAt == null) {
              sentAt = Instant.now();
              sent.countDown();
            }
            Object result;
            try {
              result = m.invoke(c, args);
            } catch (InvocationTargetException e) {
              stopIfKilled();
              throw e.getCause();
            }
            stopIfKilled();
            return result;
          });
    };
  }

  /** Waits until the watched call was sent; returns when it was. */
  public Instant entered(long timeoutSeconds) throws InterruptedException {
    if (!sent.await(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new AssertionError(watched + " was not called within " + timeoutSeconds + " s");
    }
    return sentAt;
  }

  public void kill() {
    killed = true;
  }

  private void stopIfKilled() {
    if (killed) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("this worker was killed");
    }
  }

  /** Lets the parked threads end (they throw: their process is gone). */
  @Override
  public void close() {
    released.countDown();
  }
}
