package io.poolrescue.activities.backup;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.PoolSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class DatabaseActivitiesImpl implements DatabaseActivities {
  private static final Logger log = LoggerFactory.getLogger(DatabaseActivitiesImpl.class);
  private final PoolAccess pool;
  private final BackupStore store;

  public DatabaseActivitiesImpl(PoolConnector connector, BackupStore store) {
    this.pool = new PoolAccess(connector);
    this.store = store;
  }

  @Override
  public StoredBackup dumpDatabase(String poolAddress) {
    return pool.on(poolAddress, "dump the pool database", c -> {
      PoolSnapshot s = c.snapshot();
      byte[] dump = c.dumpDatabase();
      StoredBackup stored =
          store.put(new BackupArtefact(BackupArtefact.Kind.POOL_DATABASE, s.pool().uuid(), s.takenAt(), dump));
      log.info("pool {} database dumped as {} ({} bytes, encrypted={})", s.pool().uuid(), stored.id(), stored.size(),
          stored.encrypted());
      return stored;
    });
  }

  @Override
  public DatabaseRestoreResult restoreDatabase(String targetAddress, String backupId, boolean dryRun) {
    BackupArtefact a = StoreAccess.read(store, backupId, BackupArtefact.Kind.POOL_DATABASE);
    if (!dryRun) {
      HostProbe p = InspectionActivitiesImpl.probe(pool.connector(), targetAddress);
      if (p instanceof HostProbe.Unavailable || p instanceof HostProbe.Unreachable) {
        // After a restore the host reboots into the restored database: wait for it to say what it is.
        throw XapiFailures.notYet(XapiErrors.HOST_STILL_BOOTING, targetAddress + " is not answering yet: " + p);
      }
      if (p instanceof HostProbe.Slave sl) {
        throw XapiFailures.refused(XapiErrors.OPERATION_NOT_ALLOWED,
            targetAddress + " is a member of the pool of " + sl.masterAddress() + ", not a fresh host");
      }
      String poolUuid = pool.on(targetAddress, "read the pool of " + targetAddress, c -> c.snapshot().pool().uuid());
      if (a.subjectUuid().equals(poolUuid)) {
        return new DatabaseRestoreResult(targetAddress, backupId, false, DatabaseRestoreResult.Action.ALREADY_RESTORED,
            targetAddress + " is already master of pool " + poolUuid);
      }
    }
    pool.run(targetAddress, (dryRun ? "dry-run " : "") + "restore of pool database " + backupId + " on " + targetAddress,
        (PoolClient c) -> c.restoreDatabase(a.content(), dryRun));
    if (!dryRun) {
      log.warn("pool database {} restored on {}; the host reboots into it", backupId, targetAddress);
    }
    return new DatabaseRestoreResult(targetAddress, backupId, dryRun,
        dryRun ? DatabaseRestoreResult.Action.DRY_RUN_OK : DatabaseRestoreResult.Action.RESTORE_STARTED,
        dryRun ? "dry run passed" : "host reboots with the restored database");
  }
}
