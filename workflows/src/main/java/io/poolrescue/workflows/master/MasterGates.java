package io.poolrescue.workflows.master;

import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.activities.storage.DefaultSrReport;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.Probes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gates of a master recovery, with the evidence people check before promoting a member. */
final class MasterGates {
  private MasterGates() {}

  // gate ids: recorded in histories and in decide payloads, so never renamed
  static final String PROMOTE_MASTER = GateIds.PROMOTE_MASTER;
  static final String SET_DEFAULT_SR = GateIds.SET_DEFAULT_SR;

  static Map<String, String> evidence(ProbeReport probes, String oldMaster, Duration waited) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("old master " + oldMaster, Probes.describe(probes.at(oldMaster)));
    e.put("waited for it", waited.toSeconds() + " s");
    for (HostProbe p : probes.probes()) {
      if (!p.address().equals(oldMaster)) {
        e.put("member " + p.address(), Probes.describe(p));
      }
    }
    return e;
  }

  static GateRequest promote(ProbeReport probes, String oldMaster, String chosen, String why, Duration waited) {
    Map<String, String> e = evidence(probes, oldMaster, waited);
    e.put("chosen member", chosen + " (" + why + ")");
    e.put("free memory", "not readable while the master is down: members forward every query to it");
    return new GateRequest(PROMOTE_MASTER, "promote",
        "Promote member " + chosen + " to pool master (pool.emergency_transition_to_master on that host), then "
            + "point the other members at it (pool.recover_slaves)",
        List.of(chosen),
        "The master at " + oldMaster + " has not answered for " + waited.toSeconds() + " s. If it is still running, "
            + "two masters would manage the same storage.",
        e, probes.fingerprint());
  }

  static GateRequest setDefaultSr(DefaultSrReport d, String sr, String masterAddress) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("current default SR", d.defaultSrUuid() == null ? "none" : d.defaultSrUuid());
    e.put("problem", d.problem());
    e.put("shared SRs plugged on every live host", String.join(", ", d.candidates()));
    return new GateRequest(SET_DEFAULT_SR, "default-sr",
        "Set the pool's default SR to " + sr + " (pool.set_default_SR on " + masterAddress + ")", List.of(sr),
        "New disks, imports and suspend images go to the default SR; " + d.problem() + ".", e, d.fingerprint());
  }
}
