package io.poolrescue.worker;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.worker.Worker;

/**
 * Registers every workflow and activity through the workflows module's own list, so the production
 * worker, the dev stack and the tests run the same code.
 */
public final class WorkerRegistrations {
  private WorkerRegistrations() {}

  public static void register(Worker worker, ActivityDependencies dependencies) {
    PoolRescueRegistrations.register(worker, dependencies);
  }
}
