package io.poolrescue.activities.metadata;

import io.poolrescue.activities.Heartbeats;
import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.backup.BackupFailures;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backup.BackupStoreException;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class MetadataImportActivitiesImpl implements MetadataImportActivities {
  private static final Logger log = LoggerFactory.getLogger(MetadataImportActivitiesImpl.class);
  static final int MAX_BATCH = 500;

  private final PoolAccess pool;
  private final BackupStore store;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  public MetadataImportActivitiesImpl(PoolConnector connector, BackupStore store, ApprovalCheck approvals) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
    this.store = store;
  }

  @Override
  public List<ImportCheck> dryRunImports(String poolAddress, List<String> backupIds) {
    checkBatch(backupIds);
    return pool.on(poolAddress, "dry-run metadata import of " + backupIds.size() + " exports", c -> {
      PoolSnapshot s = c.snapshot();
      List<ImportCheck> checks = new ArrayList<>();
      for (String id : backupIds) {
        checks.add(dryRun(c, s, export(id)));
        Heartbeats.beat(checks.size());
      }
      return checks;
    });
  }

  private ImportCheck dryRun(PoolClient c, PoolSnapshot s, BackupArtefact export) {
    String id = BackupStore.idOf(Kind.VM_METADATA, export.subjectUuid(), export.takenAt());
    String vm = export.subjectUuid();
    try {
      c.importVmMetadata(export.content(), false, true); // a dry run's result is empty: it names no VM
      return new ImportCheck(id, vm, ImportCheck.Verdict.WOULD_IMPORT, List.of(vm), null, null, null);
    } catch (XapiException plain) {
      if (XapiFailures.isTransient(plain.code())) {
        throw plain;
      }
      if (ForceEffects.sameVersionPresent(plain)) {
        return new ImportCheck(id, vm, ImportCheck.Verdict.ALREADY_PRESENT, List.of(), plain.code(), plain.params(),
            "the pool already has VM " + vm + " at the exported version; nothing to import");
      }
      String effect = ForceEffects.describe(plain, vm, s);
      if (!ForceEffects.forceHelps(plain)) {
        return new ImportCheck(id, vm, ImportCheck.Verdict.REFUSED, List.of(), plain.code(), plain.params(), effect);
      }
      try {
        c.importVmMetadata(export.content(), true, true);
        List<String> forced = ForceEffects.forceSkipsTheVm(plain) ? List.of() : List.of(vm);
        return new ImportCheck(id, vm, ImportCheck.Verdict.NEEDS_FORCE, forced, plain.code(), plain.params(), effect);
      } catch (XapiException stillRefused) {
        if (XapiFailures.isTransient(stillRefused.code())) {
          throw stillRefused;
        }
        return new ImportCheck(id, vm, ImportCheck.Verdict.REFUSED, List.of(), stillRefused.code(),
            stillRefused.params(), effect + "; but even a forced dry run is refused: "
                + ForceEffects.describe(stillRefused, vm, s));
      }
    }
  }

  @Override
  public List<ImportOutcome> importExports(String poolAddress, List<String> backupIds, boolean force,
      ApprovalProof approval) {
    if (force) {
      approvals.require(approval, GateIds.IMPORT_WITH_FORCE, List.of()); // a plain import needs no gate
    }
    checkBatch(backupIds);
    Optional<ImportSent> earlier = Heartbeats.previous(ImportSent.class);
    return pool.on(poolAddress, (force ? "forced " : "") + "metadata import of " + backupIds.size() + " exports", c -> {
      PoolSnapshot s = c.snapshot();
      List<ImportOutcome> outcomes = new ArrayList<>();
      ImportSent last = earlier.orElse(null);
      for (String id : backupIds) {
        ImportOutcome o = importOne(c, s, export(id), force, earlier.filter(e -> e.backupId().equals(id)));
        outcomes.add(o);
        if (o.action() == ImportOutcome.Action.IMPORTED || o.action() == ImportOutcome.Action.FORCED) {
          last = null; // answered: nothing of this batch is in doubt any more
        }
        Heartbeats.beat(last); // the batch is alive; a marker still in doubt stays for the next attempt
      }
      return outcomes;
    });
  }

  private ImportOutcome importOne(PoolClient c, PoolSnapshot s, BackupArtefact export, boolean force,
      Optional<ImportSent> sentBefore) {
    String id = BackupStore.idOf(Kind.VM_METADATA, export.subjectUuid(), export.takenAt());
    String vm = export.subjectUuid();
    XapiException refusal;
    try {
      c.importVmMetadata(export.content(), false, true);
      Heartbeats.beatNow(new ImportSent(id, false));
      List<String> created = c.importVmMetadata(export.content(), false, false);
      log.info("imported VM metadata {} -> {}", id, created);
      return new ImportOutcome(id, vm, ImportOutcome.Action.IMPORTED, created, null, "imported");
    } catch (XapiException e) {
      if (XapiFailures.isTransient(e.code())) {
        throw e; // the batch is retried; imports done so far then show as ALREADY_PRESENT
      }
      refusal = e;
    }
    if (ForceEffects.sameVersionPresent(refusal)) {
      if (sentBefore.isPresent()) {
        // an earlier attempt sent this import and lost the answer: the pool shows it took effect
        log.info("VM metadata {} was imported by an earlier attempt whose answer was lost", id);
        return new ImportOutcome(id, vm, sentBefore.get().force() ? ImportOutcome.Action.FORCED
            : ImportOutcome.Action.IMPORTED, List.of(vm), refusal.code(),
            "imported by an earlier attempt whose answer was lost; the pool has it at the exported version");
      }
      return new ImportOutcome(id, vm, ImportOutcome.Action.ALREADY_PRESENT, List.of(), refusal.code(),
          "already present at the exported version");
    }
    String effect = ForceEffects.describe(refusal, vm, s);
    if (!force || !ForceEffects.forceHelps(refusal)) {
      return new ImportOutcome(id, vm, ImportOutcome.Action.FAILED, List.of(), refusal.code(), effect);
    }
    if (ForceEffects.forceSkipsTheVm(refusal)) {
      return new ImportOutcome(id, vm, ImportOutcome.Action.SKIPPED, List.of(), refusal.code(), effect);
    }
    try {
      Heartbeats.beatNow(new ImportSent(id, true));
      List<String> created = c.importVmMetadata(export.content(), true, false);
      log.info("imported VM metadata {} with force -> {} ({})", id, created, effect);
      return new ImportOutcome(id, vm, ImportOutcome.Action.FORCED, created, refusal.code(), effect);
    } catch (XapiException e) {
      if (XapiFailures.isTransient(e.code())) {
        throw e;
      }
      return new ImportOutcome(id, vm, ImportOutcome.Action.FAILED, List.of(), e.code(), e.getMessage());
    }
  }

  private BackupArtefact export(String backupId) {
    try {
      BackupArtefact a = store.get(backupId);
      if (a.kind() != Kind.VM_METADATA) {
        throw XapiFailures.invalid("backup " + backupId + " is a " + a.kind() + ", not a VM metadata export");
      }
      return a;
    } catch (BackupStoreException e) {
      throw BackupFailures.toFailure(e);
    }
  }

  private static void checkBatch(List<String> backupIds) {
    if (backupIds == null || backupIds.isEmpty() || backupIds.size() > MAX_BATCH) {
      throw XapiFailures.invalid("a metadata import batch takes 1 to " + MAX_BATCH + " export ids, got "
          + (backupIds == null ? 0 : backupIds.size()));
    }
  }
}
