package io.poolrescue.workflows.backup;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backupstore.BackupBatchResult;
import io.poolrescue.activities.backupstore.RetentionResult;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.workflows.api.PoolBackup;
import io.poolrescue.workflows.api.PoolBackupRequest;
import io.poolrescue.workflows.api.Progress;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.RunTarget;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Backs the pool up every {@code interval}: the pool database (encrypted by the store), host backups
 * and VM metadata exports, each with its checksum, then applies retention. The Java test server has
 * no schedules, so the period is a durable sleep in a loop; the run continues as new every
 * {@value #ROUNDS_PER_RUN} rounds so its history stays small however long it runs.
 */
public final class PoolBackupImpl extends GatedRun implements PoolBackup {
  static final int ROUNDS_PER_RUN = 10;
  /** Refusals that a later round cannot fix: the run stops and says why. */
  static final Set<String> CONFIGURATION_PROBLEMS =
      Set.of("BACKUP_KEY_MISSING", "BACKUP_KEY_MISMATCH", "INVALID_REQUEST", "SESSION_AUTHENTICATION_FAILED");

  private int roundsDone;
  private int roundsFailed;

  @WorkflowInit
  public PoolBackupImpl(PoolBackupRequest r) {
    // A backup has no gates (decide is refused: no open gate), and it only reads the pool, so it takes
    // no pool lock: a long backup loop must not hold up a recovery, nor a recovery stop the backups.
    super("PoolBackup", null, null, null, RunTarget.NONE);
  }

  public static String invalid(PoolBackupRequest r) {
    if (r == null) {
      return "no request";
    }
    if (r.poolAddress() == null || r.poolAddress().isBlank()) {
      return "poolAddress is required";
    }
    if (r.interval() == null || r.interval().isNegative() || r.interval().isZero()) {
      return "interval must be a positive duration, e.g. \"PT6H\"";
    }
    if (r.retain() < 1) {
      return "retain must keep at least 1 backup of each kind";
    }
    if (r.rounds() < 0) {
      return "rounds must be 0 (until cancelled) or more";
    }
    return null;
  }

  @Override
  public RunResult run(PoolBackupRequest r) {
    // no frame (no gates, no lock), but the activity options of the run's version: a backup round
    // of a lost worker is retried elsewhere as quickly as any other activity
    decideVersion();
    String problem = invalid(r);
    if (problem == null) {
      problem = routeOutsideFrame(List.of(r.poolAddress()));
    }
    if (problem != null) {
      return status.finish(new RunResult(Outcome.FAILED, "invalid request: " + problem + "; nothing done", List.of()));
    }
    boolean forever = r.rounds() == 0;
    int inThisRun = Math.min(ROUNDS_PER_RUN, forever ? ROUNDS_PER_RUN : r.rounds());
    for (int i = 1; i <= inThisRun; i++) {
      status.plan("round-" + i, "Backup round " + i + (forever ? "" : " of this run (" + r.rounds() + " left in all)"));
    }
    for (int i = 1; i <= inThisRun; i++) {
      long roundStart = Workflow.currentTimeMillis();
      RunResult stop = round(r, "round-" + i);
      if (stop != null) {
        status.skipRest("stopped: " + stop.summary());
        return status.finish(stop);
      }
      boolean last = !forever && i == r.rounds();
      if (last) {
        break;
      }
      // fixed rate: a round that took minutes does not push the following ones later
      long wait = Math.max(0, roundStart + r.interval().toMillis() - Workflow.currentTimeMillis());
      status.phase("waiting " + java.time.Duration.ofMillis(wait) + " for the next round");
      Workflow.sleep(java.time.Duration.ofMillis(wait));
    }
    if (forever || r.rounds() > inThisRun) {
      // keep each history short: the next rounds run in a fresh execution of the same workflow id
      Workflow.await(Workflow::isEveryHandlerFinished);
      PoolBackupRequest next = new PoolBackupRequest(r.poolAddress(), r.interval(), r.retain(), r.hostBackups(),
          r.vmMetadata(), forever ? 0 : r.rounds() - inThisRun);
      Workflow.newContinueAsNewStub(PoolBackup.class).run(next);
    }
    return status.finish(new RunResult(roundsFailed == 0 ? Outcome.RECOVERED : Outcome.FAILED,
        roundsDone + " backup round(s) of " + r.poolAddress() + " stored in this run"
            + (roundsFailed == 0 ? "" : ", " + roundsFailed + " round(s) incomplete (see warnings)")
            + "; " + r.retain() + " kept per kind and subject", List.of()));
  }

  /** One round; returns a result only when the run must stop (a configuration problem). */
  private RunResult round(PoolBackupRequest r, String step) {
    status.start(step);
    Instant at = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    String pool = r.poolAddress();
    List<String> done = new ArrayList<>();
    List<Kind> stored = new ArrayList<>();
    boolean complete = true;
    try {
      BackupRecord db = acts.backups.storePoolDatabaseDump(pool, at);
      status.operation("GET /pool/xmldbdump", List.of(db.id(), "sha256 " + db.sha256(), db.size() + " bytes",
          db.encrypted() ? "encrypted with key " + db.keyId() : "not encrypted"), "ok", null);
      done.add("database " + db.id());
      stored.add(Kind.POOL_DATABASE);
    } catch (ActivityFailure e) {
      if (CONFIGURATION_PROBLEMS.contains(Failures.code(e))) {
        status.fail(step, Failures.describe(e));
        return new RunResult(Outcome.FAILED, "the pool database cannot be backed up: " + Failures.describe(e),
            List.of());
      }
      complete = false;
      status.operation("GET /pool/xmldbdump", List.of(pool), Failures.code(e), null);
      status.warn(step + ": pool database not backed up: " + Failures.describe(e));
    }
    if (r.hostBackups()) {
      complete &= batch(step, "host backups", () -> acts.backups.storeHostBackups(pool, at), done);
      stored.add(Kind.HOST_BACKUP);
    }
    if (r.vmMetadata()) {
      complete &= batch(step, "VM metadata", () -> acts.backups.storeVmMetadataExports(pool, at), done);
      stored.add(Kind.VM_METADATA);
    }
    for (Kind kind : stored) {
      try {
        RetentionResult kept = acts.backups.pruneBackups(pool, kind, r.retain());
        if (kept.deleted() > 0) {
          status.operation("retention", List.of(kind.name(), "keep " + kept.keep(), kept.deleted() + " deleted"),
              "ok", null);
        }
      } catch (ActivityFailure e) {
        status.warn(step + ": retention of " + kind + " failed: " + Failures.describe(e));
      }
    }
    roundsDone++;
    if (!complete) {
      roundsFailed++;
    }
    status.progress(new Progress("backup rounds", roundsDone - roundsFailed, roundsDone, roundsFailed));
    if (complete) {
      status.done(step, String.join("; ", done));
    } else {
      status.fail(step, "incomplete: " + String.join("; ", done));
    }
    return null;
  }

  private boolean batch(String step, String what, java.util.function.Supplier<BackupBatchResult> call,
      List<String> done) {
    try {
      BackupBatchResult b = call.get();
      String outcome = b.failures().isEmpty() ? "ok" : "partial: " + String.join("; ", b.failures());
      status.operation(b.call(), List.of(b.stored() + " stored", b.alreadyStored() + " already stored",
          b.subjects() + " subjects", b.bytes() + " bytes"), outcome, null);
      done.add(what + " " + (b.stored() + b.alreadyStored()) + "/" + b.subjects());
      if (!b.failures().isEmpty()) {
        status.warn(step + ": " + what + " refused for " + b.failures());
      }
      return b.failures().isEmpty();
    } catch (ActivityFailure e) {
      status.warn(step + ": " + what + " not backed up: " + Failures.describe(e));
      return false;
    }
  }
}
