package io.poolrescue.workflows.restore;

import io.poolrescue.activities.pbd.PbdRepair;
import io.poolrescue.activities.pbd.SrRepairResult;
import io.poolrescue.workflows.core.RunStatusRecorder;
import java.util.List;

/** Records in the status the PBD calls a storage repair made, one operation per XAPI call. */
final class PbdOperations {
  private final RunStatusRecorder status;

  PbdOperations(RunStatusRecorder status) {
    this.status = status;
  }

  void recreated(PbdRepair planned, PbdRepair done, String gateId) {
    List<String> args = List.of(done.srUuid(), done.hostUuid());
    switch (done.action()) {
      case RECREATED -> {
        if (planned.attached()) {
          status.operation("PBD.unplug", List.of(planned.pbdUuid()), "ok", gateId);
        }
        status.operation("PBD.destroy", List.of(planned.pbdUuid()), "ok", gateId);
        status.operation("PBD.create", args, "ok " + done.pbdUuid() + " " + done.newConfig(), gateId);
        status.operation("PBD.plug", List.of(done.pbdUuid()), "ok", gateId);
      }
      case CREATED -> {
        status.operation("PBD.create", args, "ok " + done.pbdUuid() + " " + done.newConfig(), gateId);
        status.operation("PBD.plug", List.of(done.pbdUuid()), "ok", gateId);
      }
      case PLUGGED -> status.operation("PBD.plug", List.of(done.pbdUuid()), "ok", gateId);
      default -> {
        // already as requested: nothing was done
      }
    }
  }

  void repaired(List<SrRepairResult> repaired, String gateId) {
    for (SrRepairResult x : repaired) {
      x.createdOnHosts().forEach(h -> status.operation("PBD.create", List.of(x.srUuid(), h), "ok", gateId));
      x.pluggedOnHosts().forEach(h -> status.operation("PBD.plug", List.of(x.srUuid(), h), "ok", gateId));
      x.failures().forEach(f -> status.warn("SR " + x.srUuid() + " repair failed on " + f));
    }
  }

  static int plugged(List<SrRepairResult> repaired) {
    return repaired.stream().mapToInt(x -> x.pluggedOnHosts().size()).sum();
  }
}
