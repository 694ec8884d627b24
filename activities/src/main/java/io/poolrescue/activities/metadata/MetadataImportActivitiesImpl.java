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
    return pool.on(poolAddress, (force ? "forced " : "") + "metadata import of " + backupIds.size() + " exports", c -> {
      PoolSnapshot s = c.snapshot();
      List<ImportOutcome> outcomes = new ArrayList<>();
      for (String id : backupIds) {
        outcomes.add(importOne(c, s, export(id), force));
        Heartbeats.beat(outcomes.size());
      }
      return outcomes;
    });
  }

  private ImportOutcome importOne(PoolClient c, PoolSnapshot s, BackupArtefact export, boolean force) {
    String id = BackupStore.idOf(Kind.VM_METADATA, export.subjectUuid(), export.takenAt());
    String vm = export.subjectUuid();
    XapiException refusal;
    try {
      c.importVmMetadata(export.content(), false, true);
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
