package io.poolrescue.workflows.fence;

import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.fence.BmcEvidence;
import io.poolrescue.workflows.core.GateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gates of a fence step: power a host off through its BMC, or attest by hand that it is off. */
public final class FenceGates {
  private FenceGates() {}

  // gate ids: recorded in histories and in decide payloads, so never renamed
  public static final String FENCE_HOST = GateIds.FENCE_HOST;
  public static final String ATTEST_HOST_OFF = "attest-host-off";

  /** Two different people: an attestation stands in for the BMC's word. */
  static final int ATTESTERS = 2;

  static GateRequest fenceHost(FenceTarget t, BmcEvidence bmc, Map<String, String> xapi, String fingerprint,
      String step) {
    return new GateRequest(FENCE_HOST, step, "Power off host " + t.name() + " through its BMC (ForceOff)",
        List.of(t.host()),
        "Its BMC says the machine is on: its VMs may still run there, whatever XAPI says. Resetting them, releasing "
            + "their locks or forgetting the host now would let them run twice and corrupt their disks.",
        evidence(bmc, xapi), fingerprint);
  }

  static GateRequest attestOff(FenceTarget t, BmcEvidence bmc, Map<String, String> xapi, String fingerprint,
      String step) {
    return new GateRequest(ATTEST_HOST_OFF, step, "Attest that host " + t.name() + " is powered off for good "
            + "(no BMC can tell: the run goes on UNFENCED)", List.of(t.host()),
        "The host cannot be fenced: " + bmc.reason() + ". Only if two people have seen it off (pulled power, PDU) "
            + "may the run reset its VMs, release its locks and forget it; each dangerous call then also requires "
            + "that nothing answers at its address.",
        evidence(bmc, xapi), fingerprint, ATTESTERS);
  }

  private static Map<String, String> evidence(BmcEvidence bmc, Map<String, String> xapi) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("BMC", bmc.describe());
    e.putAll(xapi);
    return e;
  }
}
