package io.poolrescue.workflows.member;

import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.SrUse;
import io.poolrescue.activities.inspection.VmSummary;
import io.poolrescue.activities.storage.DefaultSrReport;
import io.poolrescue.workflows.core.GateRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The gates of a member recovery: what each dangerous step does, to which objects, on which evidence. */
final class MemberGates {
  private MemberGates() {}

  // gate ids: recorded in histories and in decide payloads, so never renamed
  static final String CONFIRM_HOST_OFF = "confirm-host-off";
  static final String DISABLE_HA = GateIds.DISABLE_HA;
  static final String RESET_VMS = GateIds.RESET_VMS;
  static final String RELEASE_VDI_LOCKS = GateIds.RELEASE_VDI_LOCKS;
  static final String FORGET_HOST = GateIds.FORGET_HOST;
  static final String ENABLE_HA = GateIds.ENABLE_HA;

  static GateRequest confirmOff(HostInspection i, List<VmSummary> toRestart) {
    Map<String, String> evidence = new LinkedHashMap<>(MemberEvidence.of(i));
    evidence.put("VMs to restart on other hosts afterwards", MemberEvidence.vms(toRestart));
    return new GateRequest(CONFIRM_HOST_OFF, "confirm-off",
        "Confirm that host " + MemberEvidence.name(i) + " is powered off for good",
        List.of(i.hostUuid()),
        "The next steps reset the power state of its VMs, release its storage locks and forget it. If the host "
            + "still runs, its VMs would then run twice and corrupt their disks.",
        evidence, i.fingerprint());
  }

  static GateRequest disableHa(HostInspection i) {
    return new GateRequest(DISABLE_HA, "disable-ha", "Disable HA on the pool of " + i.masterAddress()
            + " (pool.disable_ha)", List.of(i.hostUuid()),
        "XAPI refuses to forget a host while HA is enabled (HA_IS_ENABLED). HA is enabled again after the host is "
            + "forgotten; meanwhile no VM is restarted automatically.",
        MemberEvidence.of(i), i.fingerprint());
  }

  static GateRequest resetVms(HostInspection i) {
    List<String> vms = i.residentVms().stream().map(VmSummary::uuid).toList();
    return new GateRequest(RESET_VMS, "reset-vms", "Reset the power state of " + vms.size() + " VMs of host "
            + MemberEvidence.name(i) + " to Halted (VM.power_state_reset): "
            + MemberEvidence.vms(i.residentVms()), vms,
        "The master still records them as Running on the dead host; XAPI refuses to forget a host with resident VMs "
            + "(HOST_HAS_RESIDENT_VMS) and to start a VM it believes running.",
        MemberEvidence.of(i), i.fingerprint());
  }

  /** One line per SR: what resetvdis will be run with. */
  static GateRequest releaseLocks(HostInspection i, List<SrTarget> srs) {
    Map<String, String> evidence = new LinkedHashMap<>(MemberEvidence.of(i));
    for (SrTarget t : srs) {
      evidence.put("SR " + t.use().srUuid(), t.use().nameLabel() + ", " + (t.use().shared() ? "shared" : "local")
          + ", " + t.use().lockedVdis() + " locks of this host" + (t.srMaster() ? ", --master (" + t.why() + ")" : ""));
    }
    return new GateRequest(RELEASE_VDI_LOCKS, "release-locks",
        "Release the VDI locks of host " + MemberEvidence.name(i) + " on " + srs.size() + " SRs (resetvdis "
            + srs.stream().map(t -> t.use().srUuid() + (t.srMaster() ? " --master" : "")).collect(Collectors.joining(", "))
            + ")",
        srs.stream().map(t -> t.use().srUuid()).toList(),
        "Each disk can be attached by one host at a time; the dead host's SM locks make a start elsewhere fail "
            + "(SR_BACKEND_FAILURE_46). resetvdis needs the host record, so it runs before the host is forgotten.",
        evidence, i.fingerprint());
  }

  static GateRequest forget(HostInspection i) {
    return new GateRequest(FORGET_HOST, "forget-host", "Forget host " + MemberEvidence.name(i) + " (host.destroy)",
        List.of(i.hostUuid()),
        "Its VMs can then be started on other hosts. A forgotten host must be reinstalled before it is used again.",
        MemberEvidence.of(i), i.fingerprint());
  }

  static GateRequest enableHa(DefaultSrReport d, List<String> heartbeatSrs, String poolAddress) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("heartbeat SRs", String.join(", ", heartbeatSrs));
    evidence.put("default SR", d.valid() ? d.defaultSrUuid() + " (valid)" : String.valueOf(d.problem()));
    evidence.put("shared SRs plugged on every live host", String.join(", ", d.candidates()));
    return new GateRequest(ENABLE_HA, "enable-ha", "Enable HA again on the pool of " + poolAddress
            + " with heartbeat SRs " + heartbeatSrs + " (pool.enable_ha)", heartbeatSrs,
        "HA was enabled before this recovery disabled it to forget the host.", evidence, d.fingerprint());
  }

  /** An SR to release locks on, with the resetvdis master flag and why it is set. */
  record SrTarget(SrUse use, boolean srMaster, String why) {}

  /**
   * The SRs of the VMs the host ran (known before their reset) and of the locks it holds now. The
   * master flag is set when the host was the SR master: owner of a local SR, or pool master for a shared one.
   */
  static List<SrTarget> srTargets(List<SrUse> before, List<SrUse> now, boolean wasPoolMaster) {
    Map<String, SrUse> byUuid = new LinkedHashMap<>();
    // "now" lists every SR where the host still holds locks; an SR known only from before holds none.
    before.forEach(s -> byUuid.put(s.srUuid(),
        new SrUse(s.srUuid(), s.nameLabel(), s.shared(), s.ownedByHost(), 0, s.vmUuids())));
    now.forEach(s -> byUuid.put(s.srUuid(), s));
    List<SrTarget> targets = new ArrayList<>();
    for (SrUse s : byUuid.values()) {
      if (!s.shared() && s.ownedByHost()) {
        targets.add(new SrTarget(s, true, "local SR of this host"));
      } else if (s.shared() && wasPoolMaster) {
        targets.add(new SrTarget(s, true, "the host was pool master"));
      } else {
        targets.add(new SrTarget(s, false, null));
      }
    }
    return targets;
  }
}
