package io.poolrescue.workflows.metadata;

import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.simulator.PoolSpec;
import java.time.Instant;
import java.util.List;

/** The import scenario of this package's tests, opened to the replay regression suite's recordings. */
public final class RecordedImport {
  private RecordedImport() {}

  public static PoolSpec disasterRecovery() {
    return ImportScenario.disasterRecovery();
  }

  /** The production pool's four VM exports, stored for the run; returns their backup ids. */
  public static List<String> exportProduction(BackupStore store, Instant at) {
    return ImportScenario.exportProduction(store, at);
  }
}
