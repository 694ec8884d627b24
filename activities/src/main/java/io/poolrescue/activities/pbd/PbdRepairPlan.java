package io.poolrescue.activities.pbd;

import java.util.List;

/** The PBD changes a new device config calls for, on every live host, with the fingerprint of that state. */
public record PbdRepairPlan(List<PbdRepair> repairs, String fingerprint) {
  public PbdRepairPlan {
    repairs = List.copyOf(repairs);
  }

  public List<PbdRepair> toDo() {
    return repairs.stream().filter(PbdRepair::needsWork).toList();
  }
}
