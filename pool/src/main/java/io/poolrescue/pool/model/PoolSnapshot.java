package io.poolrescue.pool.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An immutable, consistent picture of one pool: every record the procedures read, linked by ref as
 * XAPI links them, with lookups by ref and by uuid. Built from {@code *.get_all_records} over the
 * wire, or copied out of the simulator.
 */
public final class PoolSnapshot {
  private final Instant takenAt;
  private final PoolInfo pool;
  private final List<Host> hosts;
  private final List<Vm> vms;
  private final List<Vbd> vbds;
  private final List<Vdi> vdis;
  private final List<Sr> srs;
  private final List<Pbd> pbds;
  private final List<Pif> pifs;

  private final Map<String, Object> byRef = new HashMap<>();
  private final Map<String, Object> byUuid = new HashMap<>();
  private final Map<String, List<Vm>> vmsByResident = new HashMap<>();
  private final Map<String, List<Vbd>> vbdsByVm = new HashMap<>();
  private final Map<String, List<Vdi>> vdisBySr = new HashMap<>();
  private final Map<String, List<Pbd>> pbdsBySr = new HashMap<>();
  private final Map<String, List<Pbd>> pbdsByHost = new HashMap<>();
  private final Map<String, List<Pif>> pifsByHost = new HashMap<>();

  @JsonCreator
  public PoolSnapshot(
      @JsonProperty("takenAt") Instant takenAt,
      @JsonProperty("pool") PoolInfo pool,
      @JsonProperty("hosts") List<Host> hosts,
      @JsonProperty("vms") List<Vm> vms,
      @JsonProperty("vbds") List<Vbd> vbds,
      @JsonProperty("vdis") List<Vdi> vdis,
      @JsonProperty("srs") List<Sr> srs,
      @JsonProperty("pbds") List<Pbd> pbds,
      @JsonProperty("pifs") List<Pif> pifs) {
    this.takenAt = takenAt;
    this.pool = pool;
    this.hosts = List.copyOf(hosts);
    this.vms = List.copyOf(vms);
    this.vbds = List.copyOf(vbds);
    this.vdis = List.copyOf(vdis);
    this.srs = List.copyOf(srs);
    this.pbds = List.copyOf(pbds);
    this.pifs = List.copyOf(pifs);
    index(this.hosts, Host::ref, Host::uuid);
    index(this.vms, Vm::ref, Vm::uuid);
    index(this.vbds, Vbd::ref, Vbd::uuid);
    index(this.vdis, Vdi::ref, Vdi::uuid);
    index(this.srs, Sr::ref, Sr::uuid);
    index(this.pbds, Pbd::ref, Pbd::uuid);
    index(this.pifs, Pif::ref, Pif::uuid);
    for (Vm vm : this.vms) {
      if (vm.residentOn() != null) {
        group(vmsByResident, vm.residentOn(), vm);
      }
    }
    this.vbds.forEach(v -> group(vbdsByVm, v.vmRef(), v));
    this.vdis.forEach(v -> group(vdisBySr, v.srRef(), v));
    this.pbds.forEach(p -> group(pbdsBySr, p.srRef(), p));
    this.pbds.forEach(p -> group(pbdsByHost, p.hostRef(), p));
    this.pifs.forEach(p -> group(pifsByHost, p.hostRef(), p));
  }

  private <T> void index(List<T> items, Function<T, String> ref, Function<T, String> uuid) {
    for (T item : items) {
      byRef.put(ref.apply(item), item);
      byUuid.put(uuid.apply(item), item);
    }
  }

  private static <T> void group(Map<String, List<T>> map, String key, T value) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  @JsonProperty public Instant takenAt() { return takenAt; }
  @JsonProperty public PoolInfo pool() { return pool; }
  @JsonProperty public List<Host> hosts() { return hosts; }
  @JsonProperty public List<Vm> vms() { return vms; }
  @JsonProperty public List<Vbd> vbds() { return vbds; }
  @JsonProperty public List<Vdi> vdis() { return vdis; }
  @JsonProperty public List<Sr> srs() { return srs; }
  @JsonProperty public List<Pbd> pbds() { return pbds; }
  @JsonProperty public List<Pif> pifs() { return pifs; }

  private <T> Optional<T> find(Map<String, Object> map, String key, Class<T> type) {
    Object o = key == null ? null : map.get(key);
    return type.isInstance(o) ? Optional.of(type.cast(o)) : Optional.empty();
  }

  public Optional<Host> host(String ref) { return find(byRef, ref, Host.class); }
  public Optional<Host> hostByUuid(String uuid) { return find(byUuid, uuid, Host.class); }
  public Optional<Vm> vm(String ref) { return find(byRef, ref, Vm.class); }
  public Optional<Vm> vmByUuid(String uuid) { return find(byUuid, uuid, Vm.class); }
  public Optional<Vbd> vbd(String ref) { return find(byRef, ref, Vbd.class); }
  public Optional<Vdi> vdi(String ref) { return find(byRef, ref, Vdi.class); }
  public Optional<Vdi> vdiByUuid(String uuid) { return find(byUuid, uuid, Vdi.class); }
  public Optional<Sr> sr(String ref) { return find(byRef, ref, Sr.class); }
  public Optional<Sr> srByUuid(String uuid) { return find(byUuid, uuid, Sr.class); }
  public Optional<Pbd> pbd(String ref) { return find(byRef, ref, Pbd.class); }
  public Optional<Pbd> pbdByUuid(String uuid) { return find(byUuid, uuid, Pbd.class); }

  @JsonIgnore
  public Optional<Host> master() {
    return host(pool.masterRef());
  }

  /** Non-control-domain VMs whose {@code resident_on} is this host. */
  public List<Vm> residentVms(String hostRef) {
    return vmsByResident.getOrDefault(hostRef, List.of()).stream().filter(v -> !v.controlDomain()).toList();
  }

  public List<Vbd> vbdsOf(String vmRef) {
    return Collections.unmodifiableList(vbdsByVm.getOrDefault(vmRef, List.of()));
  }

  /** The VDIs a VM's disks point at (empty CD drives skipped). */
  public List<Vdi> disksOf(String vmRef) {
    return vbdsOf(vmRef).stream().map(Vbd::vdiRef).map(this::vdi).flatMap(Optional::stream).toList();
  }

  /** The SRs holding a VM's disks, each once. */
  public List<Sr> srsOf(String vmRef) {
    return disksOf(vmRef).stream().map(Vdi::srRef).distinct().map(this::sr).flatMap(Optional::stream).toList();
  }

  public List<Vdi> vdisOf(String srRef) {
    return Collections.unmodifiableList(vdisBySr.getOrDefault(srRef, List.of()));
  }

  public List<Pbd> pbdsOfSr(String srRef) {
    return Collections.unmodifiableList(pbdsBySr.getOrDefault(srRef, List.of()));
  }

  public List<Pbd> pbdsOfHost(String hostRef) {
    return Collections.unmodifiableList(pbdsByHost.getOrDefault(hostRef, List.of()));
  }

  public List<Pif> pifsOf(String hostRef) {
    return Collections.unmodifiableList(pifsByHost.getOrDefault(hostRef, List.of()));
  }

  /** NIC names of a host's physical PIFs, as the database restore compares them. */
  public List<String> nicDevicesOf(String hostRef) {
    return pifsOf(hostRef).stream().filter(Pif::physical).map(Pif::device).sorted().toList();
  }

  /** True when the host has a currently attached PBD for the SR (what VM.start_on checks). */
  public boolean srPluggedOn(String srRef, String hostRef) {
    return pbdsOfSr(srRef).stream().anyMatch(p -> p.hostRef().equals(hostRef) && p.currentlyAttached());
  }

  /**
   * The host that owns a local SR: the one host with a PBD for it. Empty for shared SRs and for a
   * local SR whose host was forgotten (its PBD went with it).
   */
  public Optional<Host> ownerOf(Sr sr) {
    if (sr.shared()) {
      return Optional.empty();
    }
    List<Pbd> p = pbdsOfSr(sr.ref());
    return p.size() == 1 ? host(p.get(0).hostRef()) : Optional.empty();
  }
}
