package io.poolrescue.workflows.restore;

import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.poolrestore.FreshHostCheck;
import io.poolrescue.activities.pbd.PbdRepair;
import io.poolrescue.activities.poolrestore.PoolBackupCheck;
import io.poolrescue.activities.poolrestore.RestoredPoolReport;
import io.poolrescue.activities.poolrestore.SrState;
import io.poolrescue.workflows.core.GateRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The gates of a pool restore: what each dangerous step does, to which objects, on which evidence. */
final class PoolRestoreGates {
  /** A gate lists at most this many uuids; the count and the fingerprint cover the rest. */
  static final int MAX_TARGETS = 50;

  private PoolRestoreGates() {}

  // gate ids: recorded in histories and in decide payloads, so never renamed
  static final String RESTORE_DATABASE = GateIds.RESTORE_DATABASE;
  static final String REPAIR_STORAGE = "repair-storage";
  static final String CONFIRM_RESTORED_POOL = "confirm-restored-pool";
  static final String RESET_VMS = GateIds.RESET_VMS;

  static Map<String, String> backupEvidence(PoolBackupCheck b) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("backup", b.backupId());
    e.put("taken at", String.valueOf(b.takenAt()));
    e.put("sha256 (verified)", b.sha256());
    e.put("encrypted with key", b.keyId() == null ? "not encrypted" : b.keyId());
    e.put("schema", b.schema());
    e.put("pool", b.poolUuid());
    e.put("backup master", b.masterHostUuid() + " (" + b.masterName() + "), NICs " + b.masterNicDevices()
        + ", management on " + b.masterManagementDevice());
    e.put("in the backup", b.hosts() + " hosts, " + b.vms() + " VMs (" + b.vmsRunning() + " running or suspended)");
    e.put("shared SRs", String.join("; ", b.sharedSrs()));
    return e;
  }

  static String host(FreshHostCheck h) {
    return h.hostUuid() + " at " + h.address();
  }

  static GateRequest restoreDatabase(PoolBackupCheck b, FreshHostCheck target, List<String> others) {
    Map<String, String> e = backupEvidence(b);
    e.put("target", host(target) + ", " + target.probe() + " of its own 1-host pool, " + target.vms() + " VMs");
    e.put("target NICs", target.nicDevices() + ", management on " + target.managementDevice());
    e.put("dry run", "passed on " + target.address());
    e.put("to join afterwards", others.isEmpty() ? "none" : String.join(", ", others));
    return new GateRequest(RESTORE_DATABASE, "restore-db",
        "Restore pool database backup " + b.backupId() + " onto fresh host " + host(target)
            + " (PUT /pool/xmldbdump, dry_run=false): it becomes master of pool " + b.poolUuid() + " and reboots",
        List.of(target.hostUuid(), b.poolUuid()),
        "Every host of the pool is lost. The restore replaces the fresh host's database with the backup; every "
            + "other host of the backup is forgotten, VMs that ran on them are reset to Halted. Restore only the "
            + "newest good backup, and only when the old hosts are off for good: they must never come back as they are.",
        e, b.sha256() + "/" + target.fingerprint());
  }

  static GateRequest repairStorage(StoragePlan p, Map<String, Map<String, String>> requested) {
    Map<String, String> e = new LinkedHashMap<>();
    List<String> targets = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (PbdRepair r : p.recreate()) {
      e.put("SR " + r.srUuid() + " on host " + r.hostUuid(), r.srName() + ": " + describe(r));
      targets.add(r.srUuid());
    }
    if (!p.recreate().isEmpty()) {
      parts.add("recreate " + p.recreate().size() + " PBD(s) with the new device config and plug them "
          + "(PBD.unplug, PBD.destroy, PBD.create, PBD.plug)");
    }
    for (SrState s : p.toPlug()) {
      e.put("SR " + s.srUuid(), s.name() + " (" + s.type() + "): plugged on " + s.attachedOnLiveHosts() + " of "
          + s.liveHosts() + " live hosts");
      targets.add(s.srUuid());
    }
    if (!p.toPlug().isEmpty()) {
      parts.add("plug the shared SR(s) " + p.toPlug().stream().map(SrState::name).collect(Collectors.joining(", "))
          + " on every live host (SR repair: PBD.create where missing, PBD.plug)");
    }
    e.put("device configs requested", requested.isEmpty() ? "none (the new hosts see the storage as before)"
        : requested.keySet().toString());
    return new GateRequest(REPAIR_STORAGE, "storage", "Repair the storage of the restored pool: "
            + String.join("; ", parts), targets,
        "After the restore the master's PBDs are not attached. Where the new hosts reach the storage through another "
            + "server or path, the old PBDs must be replaced (pbd-destroy, pbd-create) before the SR can be plugged.",
        e, p.fingerprint());
  }

  private static String describe(PbdRepair r) {
    return switch (r.action()) {
      case RECREATE -> (r.attached() ? "unplug, " : "") + "destroy PBD " + r.pbdUuid() + " " + r.currentConfig()
          + ", create with " + r.newConfig() + ", plug";
      case CREATE -> "create a PBD with " + r.newConfig() + ", plug";
      case PLUG -> "plug PBD " + r.pbdUuid();
      default -> "nothing";
    };
  }

  static GateRequest confirmRestoredPool(RestoredPoolReport p, PoolBackupCheck b, List<String> others) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("master", p.masterUuid() + " at " + p.masterAddress());
    e.put("hosts", p.hosts() + " (" + p.liveHosts() + " live)");
    e.put("VMs", p.vms() + " (backup: " + b.vms() + "): " + p.running() + " running, " + p.halted() + " halted, "
        + p.suspended() + " suspended");
    for (SrState s : p.sharedSrs()) {
      e.put("shared SR " + s.srUuid(), s.name() + " (" + s.type() + "): plugged on " + s.attachedOnLiveHosts() + "/"
          + s.liveHosts() + " live hosts");
    }
    e.put("default SR", p.defaultSrUuid() + (p.defaultSrUsable() ? " (usable)" : " (NOT usable from every host)"));
    e.put("next", (others.isEmpty() ? "no host to join" : "join " + String.join(", ", others)
        + " and plug their shared SRs") + "; then reset VMs still marked active on lost hosts and start the VMs");
    return new GateRequest(CONFIRM_RESTORED_POOL, "confirm",
        "Confirm the restored pool " + p.poolUuid() + " (master " + p.masterAddress() + ") and continue"
            + (others.isEmpty() ? "" : ": join " + others.size() + " fresh host(s) (pool.join)"),
        List.of(p.poolUuid(), p.masterUuid()),
        "Check that the VMs and the shared storage you expect are there before hosts join and VMs start "
            + "(the seed page's 'connect with XenCenter and check').",
        e, p.fingerprint());
  }

  static GateRequest resetVms(VmSelection s, String masterAddress) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("VMs", s.uuids().size() + ": " + preview(s.uuids()));
    e.put("pool master", masterAddress);
    return new GateRequest(RESET_VMS, "reset-vms",
        "Reset the power state of " + s.uuids().size() + " VM(s) still marked Running, Paused or Suspended on lost "
            + "hosts to Halted (VM.power_state_reset); suspended VMs lose their suspend image",
        s.uuids().size() <= MAX_TARGETS ? s.uuids() : s.uuids().subList(0, MAX_TARGETS),
        "The restored database still records them as active on hosts that are gone; XAPI refuses to start a VM it "
            + "believes active. A suspended VM's image was on the lost hosts' storage or cannot be trusted.",
        e, s.fingerprint());
  }

  static String preview(List<String> uuids) {
    return uuids.size() <= 10 ? String.join(", ", uuids)
        : String.join(", ", uuids.subList(0, 10)) + " and " + (uuids.size() - 10) + " more";
  }
}
