package io.poolrescue.activities.backupstore;

import io.poolrescue.activities.Heartbeats;
import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.backup.BackupFailures;
import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backup.BackupStoreException;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vm;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class BackupStoreActivitiesImpl implements BackupStoreActivities {
  private static final Logger log = LoggerFactory.getLogger(BackupStoreActivitiesImpl.class);

  private final PoolAccess pool;
  private final BackupStore store;
  /** Whether a run that holds a backup still runs; a hold of a run that ended is released. */
  private final Predicate<String> holderRunning;

  public BackupStoreActivitiesImpl(PoolConnector connector, BackupStore store) {
    this(connector, store, holder -> true);
  }

  public BackupStoreActivitiesImpl(PoolConnector connector, BackupStore store, WorkflowClient client) {
    this(connector, store, RunningRuns.of(client));
  }

  BackupStoreActivitiesImpl(PoolConnector connector, BackupStore store, Predicate<String> holderRunning) {
    this.pool = new PoolAccess(connector);
    this.store = store;
    this.holderRunning = holderRunning;
  }

  @Override
  public void holdBackup(String backupId) {
    String run = Activity.getExecutionContext().getInfo().getWorkflowId();
    try {
      store.hold(backupId, run);
    } catch (BackupStoreException e) {
      throw BackupFailures.toFailure(e);
    }
    log.info("backup {} held by {} until it ends", backupId, run);
  }

  @Override
  public void releaseBackup(String backupId) {
    try {
      store.release(backupId, Activity.getExecutionContext().getInfo().getWorkflowId());
    } catch (BackupStoreException e) {
      throw BackupFailures.toFailure(e);
    }
  }

  @Override
  public BackupRecord storePoolDatabaseDump(String poolAddress, Instant roundAt) {
    return pool.on(poolAddress, "dump the pool database", c -> {
      String poolUuid = c.snapshot().pool().uuid();
      try {
        return store.describe(BackupStore.idOf(Kind.POOL_DATABASE, poolUuid, roundAt)).orElseGet(
            () -> store.put(new BackupArtefact(Kind.POOL_DATABASE, poolUuid, roundAt, c.dumpDatabase())));
      } catch (BackupStoreException e) {
        throw BackupFailures.toFailure(e);
      }
    });
  }

  @Override
  public BackupBatchResult storeHostBackups(String poolAddress, Instant roundAt) {
    return pool.on(poolAddress, "back up the live hosts", c -> {
      List<String> live = c.snapshot().hosts().stream().filter(Host::live).map(Host::uuid).sorted().toList();
      return storeEach("GET /host_backup", Kind.HOST_BACKUP, live, roundAt, c::hostBackup);
    });
  }

  @Override
  public BackupBatchResult storeVmMetadataExports(String poolAddress, Instant roundAt) {
    return pool.on(poolAddress, "export VM metadata", c -> {
      PoolSnapshot s = c.snapshot();
      List<String> vms = s.vms().stream().filter(v -> !v.controlDomain()).map(Vm::uuid).sorted().toList();
      return storeEach("GET /export_metadata", Kind.VM_METADATA, vms, roundAt, c::exportVmMetadata);
    });
  }

  /**
   * Backs up each subject in turn; one subject's refusal (e.g. {@code BACKUP_SCRIPT_FAILED}) is
   * recorded and the others still get their backup. A store failure stops the batch: it would fail
   * for the next subject too.
   */
  private BackupBatchResult storeEach(
      String call, Kind kind, List<String> subjects, Instant roundAt, Function<String, byte[]> take) {
    int stored = 0;
    int already = 0;
    long bytes = 0;
    int failedCount = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      String subject = subjects.get(i);
      String progress = kind + " " + i + "/" + subjects.size();
      try {
        if (store.describe(BackupStore.idOf(kind, subject, roundAt)).isPresent()) {
          already++;
          continue;
        }
        // one subject's transfer may take minutes: the side beats repeat this progress while it runs
        Heartbeats.beat(progress);
        byte[] content = take.apply(subject);
        BackupRecord r = store.put(new BackupArtefact(kind, subject, roundAt, content));
        stored++;
        bytes += r.size();
      } catch (XapiException e) {
        if (XapiFailures.isTransient(e.code())) {
          throw e; // the whole batch is retried; what is stored already is found and kept
        }
        failedCount++;
        log.warn("{} of {} refused: {}", call, subject, e.getMessage());
        if (failures.size() < BackupBatchResult.MAX_FAILURES_LISTED) {
          failures.add(subject + ": " + e.code() + " " + e.params());
        }
      } catch (BackupStoreException e) {
        throw BackupFailures.toFailure(e);
      }
    }
    if (failedCount > failures.size()) {
      failures.add("… and " + (failedCount - failures.size()) + " more");
    }
    return new BackupBatchResult(call, subjects.size(), stored, already, bytes, List.copyOf(failures));
  }

  /** Holds whose run has ended (terminated before it could release them) no longer keep a backup. */
  private void releaseEndedHolders(Kind kind, String subject) {
    for (BackupRecord r : store.list(kind, subject)) {
      for (String holder : store.holders(r.id())) {
        if (!holderRunning.test(holder)) {
          log.warn("backup {} was held by {}, which has ended: released", r.id(), holder);
          store.release(r.id(), holder);
        }
      }
    }
  }

  /** The uuids this pool's backups of that kind are named by. */
  private static List<String> subjectsOf(PoolSnapshot s, Kind kind) {
    return switch (kind) {
      case POOL_DATABASE -> List.of(s.pool().uuid());
      case HOST_BACKUP -> s.hosts().stream().map(Host::uuid).toList();
      case VM_METADATA -> s.vms().stream().filter(v -> !v.controlDomain()).map(Vm::uuid).toList();
    };
  }

  @Override
  public RetentionResult pruneBackups(String poolAddress, Kind kind, int keep) {
    List<String> subjects = pool.on(poolAddress, "list the subjects of " + kind, c -> subjectsOf(c.snapshot(), kind));
    try {
      List<BackupRecord> deleted = new ArrayList<>();
      for (String subject : subjects) {
        releaseEndedHolders(kind, subject);
        deleted.addAll(store.retain(kind, subject, keep));
      }
      List<String> ids = deleted.stream().map(BackupRecord::id).limit(RetentionResult.MAX_IDS_LISTED).toList();
      return new RetentionResult(kind, keep, deleted.size(), ids);
    } catch (BackupStoreException e) {
      throw BackupFailures.toFailure(e);
    } catch (IllegalArgumentException e) {
      throw XapiFailures.invalid(e.getMessage());
    }
  }
}
