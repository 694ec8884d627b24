package io.poolrescue.worker;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.poolrescue.worker.metrics.ActivityFailureMetrics;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal worker polling {@code pool-recovery} with every poolrescue workflow and activity; a worker
 * of a site polls {@code pool-recovery} for the workflows and the activities that touch no pool, and
 * {@code pool-recovery.<site>} for its site's pool and BMC calls.
 */
public final class PoolRescueWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PoolRescueWorker.class);

  private final WorkerFactory factory;
  private final Duration grace;

  private PoolRescueWorker(WorkerFactory factory, Duration grace) {
    this.factory = factory;
    this.grace = grace;
  }

  /** A worker without sites (the dev stack's): everything on {@code pool-recovery}. */
  public static PoolRescueWorker start(
      WorkflowServiceStubs stubs, TemporalTarget target, String identity, ActivityDependencies dependencies) {
    return start(stubs, target, identity, dependencies, null);
  }

  /** @param site the site whose pools this worker serves; null without sites */
  public static PoolRescueWorker start(WorkflowServiceStubs stubs, TemporalTarget target, String identity,
      ActivityDependencies dependencies, String site) {
    WorkflowClient client = TemporalConnections.client(stubs, target, identity);
    // side beats on every activity; activity failures by site, pool and XAPI code, into the same
    // metrics as the SDK's (a no-op without)
    WorkerFactory factory = WorkerFactory.newInstance(client, WorkerRegistrations.factoryOptions(
        new ActivityFailureMetrics(stubs.getOptions().getMetricsScope(), dependencies.inventory()).interceptor()));
    WorkerOptions.Builder options = WorkerOptions.newBuilder();
    if (ServerKind.isJavaTestServer(stubs)) {
      // The test server has no sticky-queue timeout: a run last handled by a worker that died would wait
      // on that worker's sticky queue forever. Without stickiness every task goes to the shared queue.
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
      log.info("Temporal's Java test server: sticky execution off, so another worker can take over any run");
    }
    // the pool lock's activities start and describe workflows through this worker's own client
    List<String> queues = WorkerRegistrations.register(factory, site, options.build(),
        dependencies.client() == null ? dependencies.withClient(client) : dependencies).stream()
        .map(Worker::getTaskQueue).toList();
    factory.start();
    log.info("worker {} polling task queue(s) {} on {} namespace {}", identity, queues, target.address(),
        target.namespace());
    return new PoolRescueWorker(factory, Duration.ofSeconds(30));
  }

  /**
   * Graceful stop: no new tasks are polled, running activities get {@code grace} to finish. Whatever
   * is cut short is retried by the next worker (activities are idempotent).
   */
  @Override
  public void close() {
    if (factory.isShutdown()) {
      return;
    }
    log.info("worker stopping: finishing running tasks (up to {}s)", grace.toSeconds());
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
    }
    log.info("worker stopped");
  }
}
