package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One pool database: what a master holds and what its members keep as replicas. Rows are the
 * model's immutable records, replaced on change, so a copy is cheap and never shares mutable state.
 */
final class Db {
  PoolInfo pool;
  String secret;
  final Table<HostRow> hosts;
  final Table<Vm> vms;
  final Table<Vbd> vbds;
  final Table<Vdi> vdis;
  final Table<Sr> srs;
  final Table<Pbd> pbds;
  final Table<Pif> pifs;
  /** Only in replicas: the live flags as the master saw them when it pushed this copy. */
  final Map<String, Boolean> liveAtCopy;

  Db(PoolInfo pool, String secret) {
    this(pool, secret, new Table<>(HostRow::ref, HostRow::uuid), new Table<>(Vm::ref, Vm::uuid),
        new Table<>(Vbd::ref, Vbd::uuid), new Table<>(Vdi::ref, Vdi::uuid), new Table<>(Sr::ref, Sr::uuid),
        new Table<>(Pbd::ref, Pbd::uuid), new Table<>(Pif::ref, Pif::uuid), new HashMap<>());
  }

  private Db(PoolInfo pool, String secret, Table<HostRow> hosts, Table<Vm> vms, Table<Vbd> vbds, Table<Vdi> vdis,
      Table<Sr> srs, Table<Pbd> pbds, Table<Pif> pifs, Map<String, Boolean> liveAtCopy) {
    this.pool = pool;
    this.secret = secret;
    this.hosts = hosts;
    this.vms = vms;
    this.vbds = vbds;
    this.vdis = vdis;
    this.srs = srs;
    this.pbds = pbds;
    this.pifs = pifs;
    this.liveAtCopy = liveAtCopy;
  }

  Db copy() {
    return new Db(pool, secret, hosts.copy(), vms.copy(), vbds.copy(), vdis.copy(), srs.copy(), pbds.copy(),
        pifs.copy(), new HashMap<>(liveAtCopy));
  }

  // ---- lookups by uuid that refuse like XAPI's get_by_uuid

  HostRow host(String uuid) {
    return found(hosts.byUuid(uuid), "host", uuid);
  }

  Vm vm(String uuid) {
    return found(vms.byUuid(uuid), "VM", uuid);
  }

  Sr sr(String uuid) {
    return found(srs.byUuid(uuid), "SR", uuid);
  }

  Vdi vdi(String uuid) {
    return found(vdis.byUuid(uuid), "VDI", uuid);
  }

  Pbd pbd(String uuid) {
    return found(pbds.byUuid(uuid), "PBD", uuid);
  }

  private static <T> T found(T row, String cls, String uuid) {
    if (row == null) {
      throw new XapiException(XapiErrors.UUID_INVALID, cls, String.valueOf(uuid));
    }
    return row;
  }

  // ---- relations

  HostRow master() {
    return hosts.get(pool.masterRef());
  }

  /** Non-control-domain VMs whose resident_on is the host. */
  List<Vm> residentVms(String hostRef) {
    return vms.all().stream().filter(v -> !v.controlDomain() && hostRef.equals(v.residentOn())).toList();
  }

  List<Vm> controlDomainsOf(String hostRef) {
    return vms.all().stream().filter(v -> v.controlDomain() && hostRef.equals(v.residentOn())).toList();
  }

  List<Pbd> pbdsOfHost(String hostRef) {
    return pbds.all().stream().filter(p -> p.hostRef().equals(hostRef)).toList();
  }

  List<Pbd> pbdsOfSr(String srRef) {
    return pbds.all().stream().filter(p -> p.srRef().equals(srRef)).toList();
  }

  Pbd pbdFor(String srRef, String hostRef) {
    return pbds.all().stream()
        .filter(p -> p.srRef().equals(srRef) && p.hostRef().equals(hostRef))
        .findFirst().orElse(null);
  }

  List<Pif> pifsOfHost(String hostRef) {
    return pifs.all().stream().filter(p -> p.hostRef().equals(hostRef)).toList();
  }

  List<Vdi> vdisOfSr(String srRef) {
    return vdis.all().stream().filter(v -> v.srRef().equals(srRef)).toList();
  }

  List<Vbd> vbdsOf(Vm vm) {
    return vm.vbdRefs().stream().map(vbds::get).filter(Objects::nonNull).toList();
  }

  List<Vbd> vbdsOfVdi(String vdiRef) {
    return vbds.all().stream().filter(b -> vdiRef.equals(b.vdiRef())).toList();
  }

  boolean srPluggedOn(String srRef, String hostRef) {
    Pbd p = pbdFor(srRef, hostRef);
    return p != null && p.currentlyAttached();
  }

  static boolean active(Vm vm) {
    return active(vm.powerState());
  }

  static boolean active(PowerState s) {
    return s == PowerState.RUNNING || s == PowerState.PAUSED;
  }

  /** Memory used on a host by the domains the database places there (control domain included). */
  long memoryUsed(String hostRef) {
    long used = 0;
    for (Vm v : vms.all()) {
      if (hostRef.equals(v.residentOn()) && active(v)) {
        used += v.memory();
      }
    }
    return used;
  }

  /** Removes a host with its control domain, PBDs and PIFs; its local SRs and their VDIs stay. */
  void dropHost(HostRow h) {
    for (Vm dom0 : controlDomainsOf(h.ref())) {
      vms.remove(dom0.ref());
    }
    for (Pbd pbd : pbdsOfHost(h.ref())) {
      pbds.remove(pbd.ref());
    }
    for (Pif pif : pifsOfHost(h.ref())) {
      pifs.remove(pif.ref());
    }
    hosts.remove(h.ref());
  }
}
