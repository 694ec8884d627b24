package io.poolrescue.workflows.restore;

import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.pbd.PbdRepair;
import io.poolrescue.activities.pbd.PbdRepairPlan;
import io.poolrescue.activities.poolrestore.RestoredPoolReport;
import io.poolrescue.activities.poolrestore.SrState;
import java.util.List;

/**
 * What the restored pool's storage needs: PBDs to recreate with the new device configs (when the new
 * hosts see the storage differently) and shared SRs not plugged everywhere (SR repair).
 */
record StoragePlan(PbdRepairPlan pbds, RestoredPoolReport pool) {

  List<PbdRepair> recreate() {
    return pbds == null ? List.of() : pbds.toDo();
  }

  /** Shared SRs to plug, except those the recreation handles anyway. */
  List<SrState> toPlug() {
    List<String> recreated = recreate().stream().map(PbdRepair::srUuid).toList();
    return pool.unreachableSrs().stream().filter(s -> !recreated.contains(s.srUuid())).toList();
  }

  boolean nothingToDo() {
    return recreate().isEmpty() && toPlug().isEmpty();
  }

  String fingerprint() {
    return new StateFingerprint().add("pbds " + (pbds == null ? "-" : pbds.fingerprint()))
        .add("pool " + pool.fingerprint()).digest();
  }
}
