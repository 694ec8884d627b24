package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.MachineState;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.SimulatedPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * One contract test's pool: the simulator (for fault injection and the clock), and the connector
 * that is the only route for operations. Lookups by name read snapshots through that connector.
 */
public final class Fx {
  public final SimulatedPool sim;
  public final ManualClock clock;
  public final PoolConnector connector;
  private final Map<String, String> fresh;

  Fx(SimulatedPool sim, ManualClock clock, PoolConnector connector, Map<String, String> fresh) {
    this.sim = sim;
    this.clock = clock;
    this.connector = connector;
    this.fresh = fresh;
  }

  // ---- routes

  public PoolClient at(String address) {
    return connector.connect(address);
  }

  /** The pool through its current master. */
  public PoolClient client() {
    return at(sim.masterAddress());
  }

  public PoolSnapshot snap() {
    return client().snapshot();
  }

  /**
   * Moves the clock, then lets a server watching the simulation take its look (as its background
   * poll would): an address whose machine came back is listened on again.
   */
  public void advance(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
    sim.publishMachines();
  }

  // ---- names to identifiers

  public Host host(String name) {
    return snap().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no host " + name));
  }

  public String hostUuid(String name) {
    return host(name).uuid();
  }

  public String hostRef(String name) {
    return host(name).ref();
  }

  public String address(String hostName) {
    return host(hostName).address();
  }

  public Vm vm(String name) {
    return snap().vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no VM " + name));
  }

  public String vmUuid(String name) {
    return vm(name).uuid();
  }

  public String vmRef(String name) {
    return vm(name).ref();
  }

  public Sr sr(String name) {
    return snap().srs().stream().filter(s -> s.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no SR " + name));
  }

  public String srUuid(String name) {
    return sr(name).uuid();
  }

  public String srRef(String name) {
    return sr(name).ref();
  }

  public Pbd pbd(String srName, String hostName) {
    PoolSnapshot s = snap();
    String sr = sr(srName).ref();
    String host = host(hostName).ref();
    return s.pbdsOfSr(sr).stream().filter(p -> p.hostRef().equals(host)).findFirst()
        .orElseThrow(() -> new AssertionError("no PBD for " + srName + " on " + hostName));
  }

  public List<Vdi> disks(String vmName) {
    PoolSnapshot s = snap();
    return s.disksOf(s.vmByUuid(vmUuid(vmName)).orElseThrow().ref());
  }

  public List<Vm> residents(String hostName) {
    PoolSnapshot s = snap();
    return s.residentVms(host(hostName).ref());
  }

  public String freshUuid(String name) {
    return fresh.get(name);
  }

  /** Fresh hosts are numbered: fresh-N answers at 127.0.30.N. */
  public String freshAddress(String name) {
    return "127.0.30." + name.substring(name.lastIndexOf('-') + 1);
  }

  // ---- common steps

  /** Power loss, then wait out the 600 s heartbeat timeout. */
  public void killAndWaitDead(String hostName) {
    String uuid = hostUuid(hostName);
    sim.killHost(uuid);
    advance(600);
  }

  /** A member killed, declared dead, its VMs reset and then forgotten (host.destroy). */
  public void forgetDeadHost(String hostName) {
    String uuid = hostUuid(hostName);
    killAndWaitDead(hostName);
    resetResidents(hostName);
    client().hostDestroy(uuid);
  }

  /** After the master was lost: the member at this address is promoted (transition, agent restart, recover_slaves). */
  public PoolClient promote(String address) {
    at(address).emergencyTransitionToMaster();
    advance(10);
    at(address).recoverSlaves();
    return at(address);
  }

  /**
   * The master dies while its SM has vm-01's disk paused; host-2 is promoted, the old master is
   * dead to it (600 s later) and vm-01 is reset. Returns the new master.
   */
  public PoolClient loseMasterWithVm01Paused() {
    String vm01 = vmUuid("vm-01");
    String a2 = address("host-2");
    sim.killMasterWhileDiskPaused(disks("vm-01").get(0).uuid());
    PoolClient m = promote(a2);
    advance(600);
    m.vmPowerStateReset(vm01);
    return m;
  }

  public void resetResidents(String hostName) {
    for (Vm vm : residents(hostName)) {
      client().vmPowerStateReset(vm.uuid());
    }
  }

  // ---- refusals

  /** What a refused call must leave untouched: every answering pool's records, physical domains, no success journaled. */
  public record Checkpoint(Map<String, List<Object>> pools, Map<String, String> domains, int journalSize) {}

  public Checkpoint checkpoint() {
    Map<String, List<Object>> pools = new LinkedHashMap<>();
    for (String a : sim.addresses()) {
      if (sim.machineAt(a) instanceof MachineState.Up up && up.master()) {
        pools.put(a, fingerprint(sim.connect(a).snapshot()));
      }
    }
    return new Checkpoint(pools, sim.runningDomains(), sim.journal().size());
  }

  public static List<Object> fingerprint(PoolSnapshot s) {
    return List.of(s.pool(), s.hosts(), s.vms(), s.vbds(), s.vdis(), s.srs(), s.pbds(), s.pifs());
  }

  public void assertUnchangedSince(Checkpoint before) {
    Checkpoint after = checkpoint();
    assertEquals(before.pools(), after.pools(), "a refused call changed the pool");
    assertEquals(before.domains(), after.domains(), "a refused call changed what runs");
    List<JournalEntry> since = sim.journal().entries().subList(before.journalSize(), after.journalSize());
    List<JournalEntry> ok = new ArrayList<>(since.stream().filter(JournalEntry::succeeded).toList());
    assertTrue(ok.isEmpty(), "a refused call journaled a success: " + ok);
  }

  /** The call is refused with exactly this code and these parameters, and nothing changes. */
  public XapiException assertRefused(String code, List<String> params, Executable call) {
    Checkpoint before = checkpoint();
    XapiException e = assertThrows(XapiException.class, call);
    assertEquals(code, e.code(), "error code");
    assertEquals(params, e.params(), "error parameters of " + code);
    assertUnchangedSince(before);
    return e;
  }
}
