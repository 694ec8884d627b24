package io.poolrescue.worker;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;

/**
 * Registers every workflow and activity through the workflows module's own list, so the production
 * worker, the dev stack and the tests run the same code.
 */
public final class WorkerRegistrations {
  private WorkerRegistrations() {}

  /** The worker factory's options: the activities' side beats. */
  public static WorkerFactoryOptions factoryOptions() {
    return PoolRescueRegistrations.factoryOptions();
  }

  public static void register(Worker worker, ActivityDependencies dependencies) {
    PoolRescueRegistrations.register(worker, dependencies);
  }
}
