package io.poolrescue.worker;

import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.worker.Worker;

/**
 * Registers every workflow and activity through the workflows module's own list, so the production
 * worker, the dev stack and the tests run the same code. Notifications (gate reminders) go to the log.
 */
public final class WorkerRegistrations {
  private WorkerRegistrations() {}

  public static void register(Worker worker, PoolConnector connector, BackupStore store) {
    PoolRescueRegistrations.register(worker, connector, store, new LoggingNotificationSink());
  }
}
