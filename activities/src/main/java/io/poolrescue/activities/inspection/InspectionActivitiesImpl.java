package io.poolrescue.activities.inspection;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.pool.AddressNotAllowedException;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class InspectionActivitiesImpl implements InspectionActivities {
  private static final Logger log = LoggerFactory.getLogger(InspectionActivitiesImpl.class);
  private final PoolAccess pool;

  public InspectionActivitiesImpl(PoolConnector connector) {
    this.pool = new PoolAccess(connector);
  }

  @Override
  public HostInspection host(String poolAddress, String hostUuid) {
    PoolSnapshot s = pool.on(poolAddress, "inspect host " + hostUuid, PoolClient::snapshot);
    return inspect(s, hostUuid, probeOf(s, hostUuid));
  }

  @Override
  public String hostFingerprint(String poolAddress, String hostUuid) {
    PoolSnapshot s = pool.on(poolAddress, "fingerprint host " + hostUuid, PoolClient::snapshot);
    return StateFingerprint.ofHost(s, hostUuid, probeOf(s, hostUuid)).digest();
  }

  @Override
  public HostProbe probe(String address) {
    return probe(pool.connector(), address);
  }

  @Override
  public ProbeReport probeAll(List<String> addresses) {
    List<HostProbe> probes = addresses.stream().map(this::probe).toList();
    StateFingerprint f = new StateFingerprint();
    probes.forEach(p -> f.add("probe " + p.address() + " " + StateFingerprint.probeKind(p)));
    return new ProbeReport(probes, f.digest());
  }

  @Override
  public PoolOverview pool(String poolAddress) {
    PoolSnapshot s = pool.on(poolAddress, "inspect pool", PoolClient::snapshot);
    String masterRef = s.pool().masterRef();
    List<HostSummary> hosts = s.hosts().stream()
        .map(h -> new HostSummary(h.uuid(), h.nameLabel(), h.address(), h.live(), h.enabled(), h.memoryFree(),
            h.ref().equals(masterRef)))
        .toList();
    Host master = s.master().orElse(null);
    String defaultSr = s.sr(s.pool().defaultSrRef()).map(Sr::uuid).orElse(null);
    return new PoolOverview(s.takenAt(), s.pool().uuid(), master == null ? null : master.uuid(),
        master == null ? null : master.address(), s.pool().haEnabled(), defaultSr, hosts,
        (int) s.vms().stream().filter(v -> !v.controlDomain()).count());
  }

  @Override
  public List<PoolVm> vms(String poolAddress) {
    PoolSnapshot s = pool.on(poolAddress, "list the pool's VMs", PoolClient::snapshot);
    return s.vms().stream().filter(v -> !v.controlDomain())
        .map(v -> new PoolVm(v.uuid(), v.nameLabel(), v.powerState().xapiName(),
            s.host(v.residentOn()).map(Host::uuid).orElse(null), v.haRestartPriority()))
        .toList();
  }

  @Override
  public ReadinessReport readiness(String poolAddress, List<String> excludedHostUuids) {
    String what = "readiness of the hosts";
    PoolSnapshot s;
    try (PoolClient c = pool.connector().connect(poolAddress)) {
      s = c.snapshot();
    } catch (XapiException e) {
      return new ReadinessReport("the master at " + poolAddress + " refuses service: " + e.code(), List.of());
    } catch (PoolUnreachableException e) {
      return new ReadinessReport("nothing answers at " + poolAddress + " (" + e.getMessage() + ")", List.of());
    } catch (AddressNotAllowedException e) {
      throw XapiFailures.notInInventory(e, what);
    }
    Host master = s.master().orElse(null);
    String masterAddress = master == null ? poolAddress : master.address();
    List<HostReadiness> hosts = new ArrayList<>();
    for (Host h : s.hosts()) {
      if (!excludedHostUuids.contains(h.uuid())) {
        hosts.add(readinessOf(s, h, master, masterAddress));
      }
    }
    return new ReadinessReport(null, hosts);
  }

  private HostReadiness readinessOf(PoolSnapshot s, Host h, Host master, String masterAddress) {
    boolean isMaster = master != null && master.ref().equals(h.ref());
    if (!h.live()) {
      return new HostReadiness(h.uuid(), h.nameLabel(), h.address(), HostReadiness.State.NOT_LIVE, false,
          "is not live for the master");
    }
    HostProbe p = isMaster ? null : probe(h.address());
    boolean answers = isMaster || p instanceof HostProbe.Slave sl && sl.masterAddress().equals(masterAddress);
    if (!answers) {
      return new HostReadiness(h.uuid(), h.nameLabel(), h.address(), HostReadiness.State.SETTLING, false,
          p instanceof HostProbe.Unreachable u ? "refuses connections (" + u.reason() + ")"
              : p instanceof HostProbe.Slave sl ? "still follows " + sl.masterAddress()
              : p instanceof HostProbe.Master ? "answers as a master of its own"
              : p instanceof HostProbe.Unavailable un ? "answers " + un.errorCode() : "cannot be identified");
    }
    if (!h.enabled()) {
      List<Pbd> pbds = s.pbdsOfHost(h.ref());
      long plugged = pbds.stream().filter(Pbd::currentlyAttached).count();
      return new HostReadiness(h.uuid(), h.nameLabel(), h.address(), HostReadiness.State.SETTLING, true,
          "is disabled (" + plugged + " of " + pbds.size() + " PBDs plugged)");
    }
    return new HostReadiness(h.uuid(), h.nameLabel(), h.address(), HostReadiness.State.READY, true, "is ready");
  }

  /**
   * Never throws. A probe that fails on the way tells nothing about the host, so it is not
   * "unreachable" (which lets a host count as off): it is unidentified.
   */
  public static HostProbe probe(PoolConnector connector, String address) {
    try (PoolClient c = connector.connect(address)) {
      return c.probe();
    } catch (RuntimeException e) {
      log.debug("probe of {} failed: {}", address, e.toString());
      return new HostProbe.Unidentified(address, "not probed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private HostProbe probeOf(PoolSnapshot s, String hostUuid) {
    return s.hostByUuid(hostUuid).map(h -> probe(h.address()))
        .orElse(new HostProbe.Unreachable("", "host " + hostUuid + " is not in the pool"));
  }

  static HostInspection inspect(PoolSnapshot s, String hostUuid, HostProbe probe) {
    Host master = s.master().orElse(null);
    String fingerprint = StateFingerprint.ofHost(s, hostUuid, probe).digest();
    var found = s.hostByUuid(hostUuid);
    if (found.isEmpty()) {
      return new HostInspection(s.takenAt(), hostUuid, false, null, null, false, false, -1, false,
          master == null ? null : master.uuid(), master == null ? null : master.address(), s.pool().haEnabled(),
          probe, List.of(), List.of(), fingerprint);
    }
    Host h = found.get();
    List<Vm> resident = s.residentVms(h.ref());
    long age = h.lastHeartbeat() == null || s.takenAt() == null
        ? -1 : Math.max(0, Duration.between(h.lastHeartbeat(), s.takenAt()).toSeconds());
    return new HostInspection(s.takenAt(), hostUuid, true, h.nameLabel(), h.address(), h.live(), h.enabled(), age,
        h.ref().equals(s.pool().masterRef()), master == null ? null : master.uuid(),
        master == null ? null : master.address(), s.pool().haEnabled(), probe,
        resident.stream().map(vm -> VmSummary.of(s, vm)).toList(), srUses(s, h, resident), fingerprint);
  }

  /** SRs holding the resident VMs' disks, plus SRs where the host still holds SM locks. */
  private static List<SrUse> srUses(PoolSnapshot s, Host h, List<Vm> resident) {
    Map<String, List<String>> vmsBySr = new LinkedHashMap<>();
    for (Vm vm : resident) {
      for (Sr sr : s.srsOf(vm.ref())) {
        vmsBySr.computeIfAbsent(sr.ref(), k -> new ArrayList<>()).add(vm.uuid());
      }
    }
    Map<String, Integer> locksBySr = new LinkedHashMap<>();
    String key = Vdi.lockKey(h.ref());
    for (Vdi vdi : s.vdis()) {
      if (vdi.smConfig().containsKey(key)) {
        locksBySr.merge(vdi.srRef(), 1, Integer::sum);
        vmsBySr.computeIfAbsent(vdi.srRef(), k -> new ArrayList<>());
      }
    }
    List<SrUse> uses = new ArrayList<>();
    for (var e : vmsBySr.entrySet()) {
      Sr sr = s.sr(e.getKey()).orElse(null);
      if (sr == null) {
        continue;
      }
      boolean owned = s.ownerOf(sr).map(o -> o.ref().equals(h.ref())).orElse(false);
      uses.add(new SrUse(sr.uuid(), sr.nameLabel(), sr.shared(), owned, locksBySr.getOrDefault(sr.ref(), 0),
          e.getValue()));
    }
    return uses;
  }
}
