package io.poolrescue.worker;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.List;

/**
 * Registers every workflow and activity through the workflows module's own list, so the production
 * worker, the dev stack and the tests run the same code.
 */
public final class WorkerRegistrations {
  private WorkerRegistrations() {}

  /** The worker factory's options: the activities' side beats. */
  public static WorkerFactoryOptions factoryOptions(WorkerInterceptor... more) {
    return PoolRescueRegistrations.factoryOptions(more);
  }

  public static void register(Worker worker, ActivityDependencies dependencies) {
    PoolRescueRegistrations.register(worker, dependencies);
  }

  /** The workers of a worker process: the shared queue's, and its site's where it has one. */
  public static List<Worker> register(WorkerFactory factory, String site, WorkerOptions options,
      ActivityDependencies dependencies) {
    return PoolRescueRegistrations.register(factory, site, options, dependencies);
  }
}
