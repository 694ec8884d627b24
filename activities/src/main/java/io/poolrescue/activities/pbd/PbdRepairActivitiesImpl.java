package io.poolrescue.activities.pbd;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.SentMarker;
import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class PbdRepairActivitiesImpl implements PbdRepairActivities {
  private static final Logger log = LoggerFactory.getLogger(PbdRepairActivitiesImpl.class);
  private final PoolAccess pool;

  public PbdRepairActivitiesImpl(PoolConnector connector) {
    this.pool = new PoolAccess(connector);
  }

  @Override
  public PbdRepairPlan planPbdRepairs(String masterAddress, Map<String, Map<String, String>> deviceConfigs) {
    deviceConfigs.forEach(DeviceConfigs::refuseSecrets);
    PoolSnapshot s = pool.on(masterAddress, "plan PBD repairs", PoolClient::snapshot);
    List<PbdRepair> repairs = new ArrayList<>();
    StateFingerprint f = new StateFingerprint();
    for (Map.Entry<String, Map<String, String>> e : new TreeMap<>(deviceConfigs).entrySet()) {
      Sr sr = sharedSr(s, e.getKey());
      for (Host h : liveHostsMasterFirst(s)) {
        Optional<Pbd> pbd = pbdOf(s, sr, h);
        PbdRepair.Action action = pbd.isEmpty() ? PbdRepair.Action.CREATE
            : !pbd.get().deviceConfig().equals(e.getValue()) ? PbdRepair.Action.RECREATE
            : pbd.get().currentlyAttached() ? PbdRepair.Action.ALREADY_DONE : PbdRepair.Action.PLUG;
        repairs.add(new PbdRepair(sr.uuid(), sr.nameLabel(), h.uuid(), pbd.map(Pbd::uuid).orElse(null),
            pbd.map(Pbd::currentlyAttached).orElse(false),
            DeviceConfigs.redacted(pbd.map(Pbd::deviceConfig).orElse(Map.of())), DeviceConfigs.redacted(e.getValue()),
            action));
        f.add("pbd " + sr.uuid() + " " + h.uuid() + " " + pbd.map(p -> p.uuid() + " attached=" + p.currentlyAttached()
            + " config=" + new TreeMap<>(p.deviceConfig())).orElse("none"));
      }
    }
    return new PbdRepairPlan(repairs, f.digest());
  }

  @Override
  public PbdRepair recreatePbd(String masterAddress, String srUuid, String hostUuid, Map<String, String> config) {
    DeviceConfigs.refuseSecrets(srUuid, config);
    // an earlier attempt that removed the old PBD began a replacement: whatever is left to do, it is one
    Optional<SentMarker> replacing = SentMarker.earlier();
    PbdRepair done = pool.on(masterAddress, "recreate the PBD of SR " + srUuid + " on host " + hostUuid, c -> {
      PoolSnapshot s = c.snapshot();
      Sr sr = sharedSr(s, srUuid);
      Host h = s.hostByUuid(hostUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
          "the pool has no host " + hostUuid));
      Optional<Pbd> old = pbdOf(s, sr, h);
      Map<String, String> before = DeviceConfigs.redacted(old.map(Pbd::deviceConfig).orElse(Map.of()));
      Map<String, String> after = DeviceConfigs.redacted(config);
      if (old.isPresent() && old.get().deviceConfig().equals(config)) {
        if (old.get().currentlyAttached()) {
          return new PbdRepair(srUuid, sr.nameLabel(), hostUuid, old.get().uuid(), true, before, after,
              PbdRepair.Action.ALREADY_DONE);
        }
        c.pbdPlug(old.get().uuid());
        log.info("plugged PBD {} of SR {} on host {}", old.get().uuid(), srUuid, hostUuid);
        return new PbdRepair(srUuid, sr.nameLabel(), hostUuid, old.get().uuid(), true, before, after,
            PbdRepair.Action.PLUGGED);
      }
      if (old.isPresent()) {
        SentMarker.send(() -> {
          if (old.get().currentlyAttached()) {
            c.pbdUnplug(old.get().uuid()); // PBD.destroy refuses an attached PBD
            log.info("unplugged PBD {} of SR {} on host {} before replacing it", old.get().uuid(), srUuid, hostUuid);
          }
          c.pbdDestroy(old.get().uuid());
        });
      }
      String created = c.pbdCreate(hostUuid, srUuid, config);
      c.pbdPlug(created);
      log.info("PBD of SR {} on host {}: {} -> {} with device config {}", srUuid, hostUuid,
          old.map(Pbd::uuid).orElse("none"), created, after);
      return new PbdRepair(srUuid, sr.nameLabel(), hostUuid, created, true, before, after,
          old.isPresent() ? PbdRepair.Action.RECREATED : PbdRepair.Action.CREATED);
    });
    return replacing.isPresent() ? done.as(PbdRepair.Action.RECREATED) : done;
  }

  @Override
  public List<SrRepairResult> repairSrs(String masterAddress, List<String> srUuids) {
    return pool.on(masterAddress, "repair SRs " + srUuids, c -> {
      List<SrRepairResult> results = new ArrayList<>();
      for (String srUuid : srUuids) {
        results.add(repairOne(c, c.snapshot(), srUuid));
      }
      return results;
    });
  }

  private SrRepairResult repairOne(PoolClient c, PoolSnapshot s, String srUuid) {
    Sr sr = sharedSr(s, srUuid);
    List<Pbd> existing = s.pbdsOfSr(sr.ref());
    Optional<Map<String, String>> template = existing.stream()
        .sorted(Comparator.comparing((Pbd p) -> !p.currentlyAttached())).map(Pbd::deviceConfig).findFirst();
    List<String> created = new ArrayList<>();
    List<String> plugged = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int already = 0;
    for (Host h : liveHostsMasterFirst(s)) {
      Optional<Pbd> pbd = pbdOf(s, sr, h);
      try {
        String pbdUuid;
        if (pbd.isEmpty()) {
          if (template.isEmpty()) {
            failures.add(h.uuid() + ": no PBD of this SR anywhere to copy a device config from");
            continue;
          }
          pbdUuid = c.pbdCreate(h.uuid(), srUuid, template.get());
          created.add(h.uuid());
        } else if (pbd.get().currentlyAttached()) {
          already++;
          continue;
        } else {
          pbdUuid = pbd.get().uuid();
        }
        c.pbdPlug(pbdUuid);
        plugged.add(h.uuid());
      } catch (XapiException e) {
        if (XapiFailures.isTransient(e.code())) {
          throw e;
        }
        // the last failure is reported, the other hosts are still repaired (as XenCenter's repair does)
        failures.add(h.uuid() + ": " + e.code() + " " + e.params());
      }
    }
    log.info("SR {} repair: created on {}, plugged on {}, {} already attached, failures {}", srUuid, created, plugged,
        already, failures);
    return new SrRepairResult(srUuid, created, plugged, already, failures);
  }

  private static Sr sharedSr(PoolSnapshot s, String srUuid) {
    Sr sr = s.srByUuid(srUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
        "the pool has no SR " + srUuid));
    if (!sr.shared()) {
      throw XapiFailures.invalid("SR " + srUuid + " (" + sr.nameLabel() + ") is local to one host; only shared SRs are"
          + " repaired with a new device config");
    }
    return sr;
  }

  private static Optional<Pbd> pbdOf(PoolSnapshot s, Sr sr, Host h) {
    return s.pbdsOfSr(sr.ref()).stream().filter(p -> p.hostRef().equals(h.ref())).findFirst();
  }

  /** Live hosts, the master first: XenCenter repairs the master's PBD before the others'. */
  static List<Host> liveHostsMasterFirst(PoolSnapshot s) {
    String master = s.pool().masterRef();
    return s.hosts().stream().filter(Host::live)
        .sorted(Comparator.comparing((Host h) -> !h.ref().equals(master)).thenComparing(Host::uuid)).toList();
  }
}
