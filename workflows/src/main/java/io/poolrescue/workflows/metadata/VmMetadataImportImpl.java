package io.poolrescue.workflows.metadata;

import io.poolrescue.activities.metadata.ImportCheck;
import io.poolrescue.activities.metadata.ImportCheck.Verdict;
import io.poolrescue.activities.metadata.ImportOutcome;
import io.poolrescue.activities.vm.NotRestartable;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.VmMetadataImport;
import io.poolrescue.workflows.api.VmMetadataImportRequest;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RunTarget;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.fanout.VmBatchResult;
import io.poolrescue.workflows.fanout.VmFanOut;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recreates VMs from metadata exports while their storage is unavailable: dry run, plain import,
 * then, for the exports XAPI refused, an explanation of what {@code force} would skip or replace and
 * a forced import behind a gate; finally the imported VMs are started if asked.
 */
public final class VmMetadataImportImpl extends GatedRun implements VmMetadataImport {
  static final int CHUNK = 200;

  @WorkflowInit
  public VmMetadataImportImpl(VmMetadataImportRequest r) {
    super("VmMetadataImport", r, r == null ? null : r.requestedBy(), r == null ? null : r.approvals(),
        r == null ? RunTarget.NONE : RunTarget.of(r.poolAddress(), r.poolAddress()));
  }

  public static String invalid(VmMetadataImportRequest r) {
    if (r == null) {
      return "no request";
    }
    if (r.poolAddress() == null || r.poolAddress().isBlank()) {
      return "poolAddress is required";
    }
    if (r.backupIds() == null || r.backupIds().isEmpty()) {
      return "backupIds must name at least one VM metadata export";
    }
    if (new HashSet<>(r.backupIds()).size() != r.backupIds().size()) {
      return "backupIds repeats an export";
    }
    return null;
  }

  @Override
  public RunResult run(VmMetadataImportRequest r) {
    return frame(invalid(r), () -> importAll(r), () -> r.poolAddress()); // a lambda: r may be null
  }

  private RunResult importAll(VmMetadataImportRequest r) {
    String pool = r.poolAddress();
    ImportSteps.PLAN.forEach(status::plan);
    overview(pool);

    status.start(ImportSteps.DRY_RUN);
    List<ImportCheck> checks = dryRun(pool, r.backupIds());
    List<String> wouldImport = ids(checks, Verdict.WOULD_IMPORT);
    List<String> needForce = ids(checks, Verdict.NEEDS_FORCE);
    List<String> notImported = new ArrayList<>();
    for (ImportCheck c : checks) {
      if (c.verdict() == Verdict.REFUSED) {
        notImported.add(c.backupId() + " (VM " + c.vmUuid() + "): " + c.code() + " - " + c.forceEffect());
        status.warn("export " + c.backupId() + " cannot be imported: " + c.code() + " " + c.params());
      } else if (c.verdict() == Verdict.NEEDS_FORCE) {
        status.warn("export " + c.backupId() + " refused (" + c.code() + "): " + c.forceEffect());
      }
    }
    status.done(ImportSteps.DRY_RUN, wouldImport.size() + " importable, " + needForce.size() + " need force, "
        + ids(checks, Verdict.ALREADY_PRESENT).size() + " already present, " + notImported.size() + " refused");

    status.start(ImportSteps.IMPORT);
    List<String> created = new ArrayList<>();
    if (wouldImport.isEmpty()) {
      status.skip(ImportSteps.IMPORT, "no export passed the plain dry run");
    } else {
      for (ImportOutcome o : inChunks(wouldImport, ids -> acts.metadata.importExports(pool, ids, false, null))) {
        if (o.changedPool()) {
          status.operation("PUT /import_metadata", List.of(o.backupId(), o.vmUuid(), "force=false"), "ok", null);
          created.addAll(o.createdVmUuids());
        } else if (o.action() == ImportOutcome.Action.FAILED) {
          needForce.add(o.backupId()); // the pool changed since the dry run: the force step looks again
        }
      }
      status.done(ImportSteps.IMPORT, created.size() + " VM(s) imported");
    }

    status.start(ImportSteps.FORCE);
    if (needForce.isEmpty()) {
      status.skip(ImportSteps.FORCE, "no export needs force");
    } else {
      Optional<RunResult> stop = force(pool, needForce, created, notImported);
      if (stop.isPresent()) {
        return status.stopped(stop.get());
      }
    }

    status.start(ImportSteps.START);
    List<String> notStarted = new ArrayList<>();
    if (!r.startVms()) {
      status.skip(ImportSteps.START, "the request does not ask to start the VMs");
    } else if (created.isEmpty()) {
      status.skip(ImportSteps.START, "no VM was imported");
    } else {
      VmBatchResult started = new VmFanOut(acts, status, 0).start(pool, List.of(), created,
          version >= Versions.READINESS);
      started.failed().stream().map(NotRestartable::describe).forEach(notStarted::add);
      status.done(ImportSteps.START, started.applied() + " started, " + started.unchanged() + " already running, "
          + notStarted.size() + " not started");
    }
    List<String> problems = new ArrayList<>(notImported);
    problems.addAll(notStarted);
    String summary = created.size() + " VM(s) imported from " + r.backupIds().size() + " export(s) into "
        + pool + (notImported.isEmpty() ? "" : ", " + notImported.size() + " export(s) not imported")
        + (notStarted.isEmpty() ? "" : ", " + notStarted.size() + " VM(s) not started");
    return new RunResult(notImported.isEmpty() ? Outcome.RECOVERED : Outcome.FAILED, summary, problems);
  }

  /** Asks for force on the exports that still need it (fresh dry runs as evidence), then imports them. */
  private Optional<RunResult> force(String pool, List<String> needForce, List<String> created,
      List<String> notImported) {
    List<ImportCheck> fresh = dryRun(pool, needForce);
    List<String> nowPlain = ids(fresh, Verdict.WOULD_IMPORT);
    if (!nowPlain.isEmpty()) {
      for (ImportOutcome o : inChunks(nowPlain, ids -> acts.metadata.importExports(pool, ids, false, null))) {
        if (o.changedPool()) {
          status.operation("PUT /import_metadata", List.of(o.backupId(), o.vmUuid(), "force=false"), "ok", null);
          created.addAll(o.createdVmUuids());
        }
      }
    }
    List<String> forceIds = ids(fresh, Verdict.NEEDS_FORCE);
    if (forceIds.isEmpty()) {
      status.skip(ImportSteps.FORCE, "after the plain imports no export needs force any more");
      return Optional.empty();
    }
    if (fresh.stream().filter(c -> c.verdict() == Verdict.NEEDS_FORCE).allMatch(c -> c.vmUuids().isEmpty())) {
      // e.g. every refused VM exists and runs: force would skip them all, so there is nothing to approve
      status.skip(ImportSteps.FORCE, "force would import nothing: " + fresh.stream().filter(c -> c.verdict() == Verdict.NEEDS_FORCE)
          .map(ImportCheck::forceEffect).toList());
      return Optional.empty();
    }
    Guard<List<ImportCheck>> g = gate.approve(GuardedStep.of(() -> dryRun(pool, forceIds),
        now -> ImportGates.force(needingForce(now), pool), now -> ImportGates.fingerprint(needingForce(now))));
    if (g.stop().isPresent()) {
      return Optional.of(g.stop().get());
    }
    List<String> approved = g.state().stream().filter(c -> c.verdict() == Verdict.NEEDS_FORCE)
        .map(ImportCheck::backupId).toList();
    int forced = 0;
    for (ImportOutcome o : inChunks(approved, ids -> acts.metadata.importExports(pool, ids, true, g.proof()))) {
      switch (o.action()) {
        case FORCED -> {
          forced++;
          status.operation("PUT /import_metadata", List.of(o.backupId(), o.vmUuid(), "force=true"), "ok",
              g.gateId());
          created.addAll(o.createdVmUuids());
        }
        case IMPORTED -> {
          status.operation("PUT /import_metadata", List.of(o.backupId(), o.vmUuid(), "force=false"), "ok", null);
          created.addAll(o.createdVmUuids());
        }
        case SKIPPED -> status.warn("export " + o.backupId() + " skipped by force: " + o.detail());
        case FAILED -> notImported.add(o.backupId() + " (VM " + o.vmUuid() + "): " + o.code() + " - " + o.detail());
        default -> {
          // already present: nothing to do
        }
      }
    }
    status.done(ImportSteps.FORCE, forced + " export(s) imported with force");
    return Optional.empty();
  }

  private static List<ImportCheck> needingForce(List<ImportCheck> checks) {
    return checks.stream().filter(c -> c.verdict() == Verdict.NEEDS_FORCE).toList();
  }

  private List<ImportCheck> dryRun(String pool, List<String> backupIds) {
    return inChunks(backupIds, ids -> acts.metadata.dryRunImports(pool, ids));
  }

  private static <T> List<T> inChunks(List<String> ids, Function<List<String>, List<T>> call) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      out.addAll(call.apply(ids.subList(i, Math.min(ids.size(), i + CHUNK))));
    }
    return out;
  }

  private static List<String> ids(List<ImportCheck> checks, Verdict verdict) {
    List<String> out = new ArrayList<>();
    checks.stream().filter(c -> c.verdict() == verdict).map(ImportCheck::backupId).forEach(out::add);
    return out;
  }
}
