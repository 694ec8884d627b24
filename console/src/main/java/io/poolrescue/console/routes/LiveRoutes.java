package io.poolrescue.console.routes;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import io.poolrescue.cli.Json;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live pages without reloading: server-sent events that carry the queue or a run's view whenever it
 * changes. Temporal pushes nothing to a client, so the console asks once a second per open page and
 * sends only what differs from what that page has.
 */
public final class LiveRoutes implements AutoCloseable {
  static final String QUEUE = "/api/gates/live";
  static final String RUN = "/api/runs/{workflowId}/live";
  static final String EVENT = "update";
  static final Duration EVERY = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(LiveRoutes.class);

  private final RunRoutes runs;
  private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "console-live");
    t.setDaemon(true);
    return t;
  });

  public LiveRoutes(RunRoutes runs) {
    this.runs = runs;
  }

  public void register(Javalin app) {
    app.sse(QUEUE, client -> follow(client, runs::queue));
    app.sse(RUN, client -> {
      String id = client.ctx().pathParam("workflowId");
      follow(client, () -> runs.run(id));
    });
  }

  private void follow(SseClient client, Supplier<Object> view) {
    client.keepAlive();
    AtomicReference<String> sent = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(poller.scheduleWithFixedDelay(() -> {
      if (client.terminated()) {
        task.get().cancel(false);
        return;
      }
      try {
        String now = Json.write(view.get()).replace("\n", "");
        if (!now.equals(sent.getAndSet(now))) {
          client.sendEvent(EVENT, now);
        }
      } catch (RuntimeException e) {
        log.debug("live view not refreshed: {}", e.toString()); // a query no worker answered now: next second
      }
    }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS));
    client.onClose(() -> {
      ScheduledFuture<?> f = task.get();
      if (f != null) {
        f.cancel(false);
      }
    });
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
