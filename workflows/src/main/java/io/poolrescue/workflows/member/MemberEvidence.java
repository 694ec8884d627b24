package io.poolrescue.workflows.member;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.SrUse;
import io.poolrescue.activities.inspection.VmSummary;
import io.poolrescue.workflows.core.Probes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The facts about a failed host that its gates show, worded for the people who decide. */
final class MemberEvidence {
  private MemberEvidence() {}

  static String name(HostInspection i) {
    return i.hostUuid() + (i.exists() ? " (" + i.nameLabel() + ", " + i.address() + ")" : "");
  }

  static Map<String, String> of(HostInspection i) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("host", name(i));
    e.put("master marks it live", String.valueOf(i.live()));
    e.put("last heartbeat", i.heartbeatAgeSeconds() < 0 ? "unknown" : i.heartbeatAgeSeconds() + " s ago");
    e.put("probe of " + i.address(), Probes.describe(i.probe()));
    e.put("pool master", i.masterUuid() + " at " + i.masterAddress());
    e.put("HA", i.haEnabled() ? "enabled" : "disabled");
    e.put("resident VMs", vms(i.residentVms()));
    e.put("SRs", srs(i.srs()));
    e.put("inspected at", String.valueOf(i.takenAt()));
    return e;
  }

  static String vms(List<VmSummary> vms) {
    if (vms.isEmpty()) {
      return "none";
    }
    return vms.size() + ": " + vms.stream()
        .map(v -> v.uuid() + " (" + v.nameLabel() + ", " + v.powerState().xapiName() + ")")
        .collect(Collectors.joining(", "));
  }

  static String srs(List<SrUse> srs) {
    if (srs.isEmpty()) {
      return "none";
    }
    return srs.stream().map(s -> s.srUuid() + " (" + s.nameLabel() + ", "
            + (s.shared() ? "shared" : s.ownedByHost() ? "local to this host" : "local") + ", "
            + s.lockedVdis() + " VDI locks held)")
        .collect(Collectors.joining(", "));
  }
}
