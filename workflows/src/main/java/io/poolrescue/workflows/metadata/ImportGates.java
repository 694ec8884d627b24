package io.poolrescue.workflows.metadata;

import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.metadata.ImportCheck;
import io.poolrescue.workflows.core.GateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The force gate of a metadata import: exactly what force would skip or replace, per export. */
final class ImportGates {
  private ImportGates() {}

  // gate ids: recorded in histories and in decide payloads, so never renamed
  static final String IMPORT_WITH_FORCE = GateIds.IMPORT_WITH_FORCE;

  /** Digest of the dry runs' verdicts and refusals: the state the force approval rests on. */
  static String fingerprint(List<ImportCheck> checks) {
    StateFingerprint f = new StateFingerprint();
    checks.forEach(c -> f.add(c.backupId() + " " + c.verdict() + " " + c.code() + " " + c.params() + " " + c.vmUuids()));
    return f.digest();
  }

  static GateRequest force(List<ImportCheck> needForce, String poolAddress) {
    Map<String, String> evidence = new LinkedHashMap<>();
    for (ImportCheck c : needForce) {
      evidence.put(c.backupId(), c.code() + " " + c.params() + " -> " + c.forceEffect()
          + (c.vmUuids().isEmpty() ? "; a forced import creates no VM" : "; a forced import creates " + c.vmUuids()));
    }
    evidence.put("pool", poolAddress);
    return new GateRequest(IMPORT_WITH_FORCE, "force",
        "Import " + needForce.size() + " VM metadata export(s) into the pool of " + poolAddress
            + " with force=true (best effort): " + needForce.stream().map(ImportCheck::forceEffect)
            .collect(Collectors.joining("; ")),
        needForce.stream().map(ImportCheck::vmUuid).toList(),
        "The plain import was refused. Force skips running VMs, replaces VMs whose version is not older and "
            + "leaves out disks it cannot find; what it skips or replaces is listed per export.",
        evidence, fingerprint(needForce));
  }
}
