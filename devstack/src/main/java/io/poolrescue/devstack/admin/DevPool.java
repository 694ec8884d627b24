package io.poolrescue.devstack.admin;

import io.poolrescue.client.admin.Fault;
import io.poolrescue.client.admin.JournalLine;
import io.poolrescue.client.admin.PoolSummary;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.BmcFault;
import io.poolrescue.simulator.MachineState;
import io.poolrescue.simulator.SimulatedPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dev stack's simulated pool as operators and tests use it: summary, fault injection, journal.
 * Hosts are named by uuid, name label or address. The admin endpoint and the demo both go through this.
 */
public final class DevPool {
  private final SimulatedPool sim;
  /** Every host ever seen, so a host stays nameable after its master forgot it or died. */
  private final Map<String, Host> known = new HashMap<>();

  public DevPool(SimulatedPool sim) {
    this.sim = sim;
    snapshot().ifPresent(this::remember);
  }

  public SimulatedPool sim() {
    return sim;
  }

  public List<JournalLine> journal() {
    return sim.journal().entries().stream()
        .map(e -> new JournalLine(e.seq(), e.at(), e.call(), e.via(), e.args(), e.outcome()))
        .toList();
  }

  /** The master's database view, or empty while no master answers. */
  public synchronized Optional<PoolSnapshot> snapshot() {
    try {
      PoolSnapshot s = sim.snapshot();
      remember(s);
      return Optional.of(s);
    } catch (PoolUnreachableException | XapiException e) {
      return Optional.empty();
    }
  }

  private void remember(PoolSnapshot s) {
    s.hosts().forEach(h -> known.put(h.uuid(), h));
  }

  public synchronized PoolSummary summary() {
    Optional<PoolSnapshot> snap = snapshot();
    Map<String, String> running = sim.runningDomains();
    List<PoolSummary.HostLine> hosts = new ArrayList<>();
    Map<String, String> nameByUuid = new HashMap<>();
    known.values().forEach(h -> nameByUuid.put(h.uuid(), h.nameLabel()));
    for (String address : sim.addresses()) {
      MachineState m = sim.machineAt(address);
      Host inDb = snap.flatMap(s -> s.hosts().stream().filter(h -> address.equals(h.address())).findFirst()).orElse(null);
      Host any = inDb != null ? inDb : known.values().stream().filter(h -> address.equals(h.address())).findFirst().orElse(null);
      String uuid = any != null ? any.uuid() : hostUuidOf(m);
      String role = m instanceof MachineState.Up up && up.master() ? "master"
          : inDb != null ? "member" : any != null ? "not in pool" : "standalone";
      int resident = inDb == null ? 0 : snap.get().residentVms(inDb.ref()).size();
      hosts.add(new PoolSummary.HostLine(uuid, any == null ? address : any.nameLabel(), address, role, machine(m),
          inDb == null ? null : inDb.live(), inDb == null ? 0 : inDb.memoryFree() / (1024 * 1024), resident));
    }
    List<PoolSummary.VmLine> vms = new ArrayList<>();
    String poolName = null;
    boolean ha = false;
    String defaultSr = null;
    if (snap.isPresent()) {
      PoolSnapshot s = snap.get();
      poolName = s.pool().nameLabel();
      ha = s.pool().haEnabled();
      defaultSr = s.sr(s.pool().defaultSrRef()).map(Sr::nameLabel).orElse(s.pool().defaultSrRef());
      for (Vm vm : s.vms()) {
        if (vm.controlDomain()) {
          continue;
        }
        String resident = s.host(vm.residentOn()).map(Host::nameLabel).orElse(null);
        String runningOn = Optional.ofNullable(running.get(vm.uuid())).map(nameByUuid::get).orElse(null);
        vms.add(new PoolSummary.VmLine(vm.uuid(), vm.nameLabel(), vm.powerState().xapiName(), resident, runningOn,
            vm.haRestartPriority()));
      }
    }
    return new PoolSummary(poolName, sim.masterAddress(), snap.isPresent(), ha, defaultSr, hosts, vms,
        sim.integrityViolations());
  }

  /** Applies the fault; returns one sentence saying what was done. */
  public synchronized String inject(Fault fault) {
    snapshot(); // learn current names first
    if (fault instanceof Fault.FailHost f) {
      return act(f.host(), "power lost on", sim::killHost);
    }
    if (fault instanceof Fault.ShutdownHost f) {
      return act(f.host(), "clean shutdown of", sim::shutdownHost);
    }
    if (fault instanceof Fault.CutNetwork f) {
      return act(f.host(), "network cut to", sim::cutNetwork);
    }
    if (fault instanceof Fault.DamageConfig f) {
      return act(f.host(), "configuration damaged on", sim::damageConfig);
    }
    if (fault instanceof Fault.Restore f) {
      return act(f.host(), "brought back", sim::bringBack);
    }
    if (fault instanceof Fault.LoseStorage f) {
      Host h = host(f.host());
      sim.loseStorage(h.uuid(), srUuid(f.sr()));
      return "storage path to SR " + f.sr() + " lost on " + h.nameLabel() + " (" + h.address() + ")";
    }
    if (fault instanceof Fault.BmcMisbehaves f) {
      BmcFault kind = bmcFault(f.fault());
      return act(f.host(), "BMC " + f.fault().toLowerCase(java.util.Locale.ROOT) + " on",
          uuid -> sim.setBmcFault(uuid, kind));
    }
    if (fault instanceof Fault.FailMaster) {
      Host master = host(sim.masterAddress());
      sim.killMaster();
      return "power lost on master " + master.nameLabel() + " (" + master.address() + ", " + master.uuid() + ")";
    }
    sim.loseAllHosts();
    return "every host of the pool is lost";
  }

  private static BmcFault bmcFault(String name) {
    String wanted = name == null ? "" : name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (BmcFault f : BmcFault.values()) {
      if (f.name().equals(wanted)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown BMC fault '" + name
        + "': none, unreachable, ignores-power-off, refuses-reset or no-force-off");
  }

  private String act(String hostName, String what, java.util.function.Consumer<String> op) {
    Host h = host(hostName);
    op.accept(h.uuid());
    return what + " " + h.nameLabel() + " (" + h.address() + ", " + h.uuid() + ")";
  }

  /** By uuid, name label or address. */
  public synchronized Host host(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a host is required (uuid, name or address)");
    }
    return known.values().stream()
        .filter(h -> name.equals(h.uuid()) || name.equals(h.nameLabel()) || name.equals(h.address()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no host '" + name + "' in the simulated pool (known: "
            + String.join(", ", known.values().stream().map(Host::nameLabel).sorted().toList()) + ")"));
  }

  private String srUuid(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an SR is required (uuid or name)");
    }
    return snapshot().flatMap(s -> s.srs().stream()
            .filter(sr -> name.equals(sr.uuid()) || name.equals(sr.nameLabel())).findFirst())
        .map(Sr::uuid)
        .orElseThrow(() -> new IllegalArgumentException("no SR '" + name + "' in the simulated pool"));
  }

  private static String hostUuidOf(MachineState m) {
    if (m instanceof MachineState.Up up) {
      return up.hostUuid();
    }
    return m instanceof MachineState.Unavailable u ? u.hostUuid() : null;
  }

  private static String machine(MachineState m) {
    if (m instanceof MachineState.Up) {
      return "up";
    }
    if (m instanceof MachineState.Unavailable u) {
      return "unavailable: " + u.errorCode();
    }
    return "down: " + ((MachineState.Down) m).reason();
  }
}
