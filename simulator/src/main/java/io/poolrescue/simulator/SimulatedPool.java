package io.poolrescue.simulator;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.xapi.CredentialSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated site: one pool (its database, its hosts) plus any fresh standalone installs beside
 * it, behaving as {@code reference/xapi-semantics.md} describes, refusals included.
 *
 * <p>Used as a {@link PoolClient} it behaves as {@code connect(masterAddress())} at the time of each
 * call. {@link #connect(String)} gives a client bound to one address with the routing XapiClient
 * has over the wire. Fault injection methods change physical state only; the pool databases learn
 * of it as XAPI would (heartbeats, GC, HA). All methods are thread-safe (one lock).
 */
public final class SimulatedPool implements PoolClient, PoolConnector {
  private static final Logger log = LoggerFactory.getLogger(SimulatedPool.class);
  /** Where the preset clocks start. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final Site site;
  private final List<Consumer<Map<String, MachineState>>> watchers = new CopyOnWriteArrayList<>();

  private SimulatedPool(Site site) {
    this.site = site;
    site.afterEvents = this::publishNow;
  }

  // ---- construction

  /** A preset ("small", "small-ha", "large") on a ManualClock at {@link #EPOCH} with default timings. */
  public static SimulatedPool preset(String name) {
    return preset(name, new ManualClock(EPOCH), SimTimings.defaults());
  }

  public static SimulatedPool preset(String name, SimClock clock, SimTimings timings) {
    return preset(name, clock, timings, SimLatencies.instant());
  }

  /** A preset whose operations take the profile's latencies (see {@link SimLatencies}). */
  public static SimulatedPool preset(String name, SimClock clock, SimTimings timings, SimLatencies latencies) {
    return fromSpec(Presets.named(name), clock, timings, latencies);
  }

  public static SimulatedPool fromSpec(PoolSpec spec, SimClock clock, SimTimings timings) {
    return fromSpec(spec, clock, timings, SimLatencies.instant());
  }

  public static SimulatedPool fromSpec(PoolSpec spec, SimClock clock, SimTimings timings, SimLatencies latencies) {
    Site site = new Site(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(timings, "timings"),
        Objects.requireNonNull(latencies, "latencies"));
    synchronized (site.lock) {
      new SpecBuilder(site, clock.now()).build(spec);
      log.info("simulated pool {} built: {} host(s), {} VM(s), master {}", spec.name(), spec.hosts().size(),
          spec.vms().size(), site.primary.master.address);
    }
    return new SimulatedPool(site);
  }

  /** Reads and checks a JSON pool spec; a bad one is an IllegalArgumentException naming the problem. */
  public static PoolSpec readSpec(Path json) {
    return SpecReader.read(json);
  }

  public SimClock clock() {
    return site.clock;
  }

  public SimTimings timings() {
    return site.timings;
  }

  public SimLatencies latencies() {
    return site.latencies;
  }

  public OperationJournal journal() {
    return site.journal;
  }

  /** The current master's address (changes on promotion, HA election and database restore). */
  public String masterAddress() {
    synchronized (site.lock) {
      site.advance();
      return site.primary.master.address;
    }
  }

  public boolean authenticate(String user, String password) {
    return site.authenticate(user, password);
  }

  /** A login to the machine at this address: its own root password where the spec gives one, else the site's. */
  public boolean authenticate(String address, String user, String password) {
    synchronized (site.lock) {
      Machine m = site.machineAtAddress(address);
      return m == null ? site.authenticate(user, password) : site.authenticateAt(m, user, password);
    }
  }

  /** Every machine with an address: pool hosts and fresh hosts, up or down. */
  public List<String> addresses() {
    synchronized (site.lock) {
      return site.machines.values().stream().map(m -> m.address).toList();
    }
  }

  public MachineState machineAt(String address) {
    synchronized (site.lock) {
      site.advance();
      return site.stateAt(address);
    }
  }

  /**
   * Which run of its agent the machine at this address is in (-1 when no machine is there): a
   * session or task issued in an earlier run is no longer valid, as XAPI keeps them in memory.
   */
  public long agentRun(String address) {
    synchronized (site.lock) {
      site.advance();
      Machine m = site.machineAtAddress(address);
      return m == null ? -1 : m.agentRun;
    }
  }

  /**
   * Tells {@code watcher} what every address shows, now, after each fault injected here and at each
   * {@link #publishMachines()}; returns what stops it. Called under the simulation's lock, so that
   * watchers (servers binding or closing an address) see changes in order and before anyone else.
   */
  public Runnable watchMachines(Consumer<Map<String, MachineState>> watcher) {
    watchers.add(watcher);
    publishMachines();
    return () -> watchers.remove(watcher);
  }

  /**
   * Tells the watchers what every address shows now. Changes that come with time (a boot that ends)
   * reach them at the first call to the simulation after they are due, or here.
   */
  public void publishMachines() {
    synchronized (site.lock) {
      site.awaitAnswerOwed();
      site.advance();
      publishNow();
    }
  }

  /**
   * The wire server has answered (or dropped) the call this thread made. When that call stopped an
   * agent, the watchers hear of it now, after the answer went out on the connection.
   */
  public void callAnswered() {
    if (!site.owesAnswer()) {
      return;
    }
    synchronized (site.lock) {
      site.answered();
      site.advance();
    }
  }

  private void publishNow() {
    if (watchers.isEmpty()) {
      return;
    }
    Map<String, MachineState> states = new LinkedHashMap<>();
    site.machines.values().forEach(m -> states.computeIfAbsent(m.address, site::stateAt));
    watchers.forEach(w -> w.accept(states));
  }

  @Override
  public PoolClient connect(String address) {
    return new SimPoolClient(site, Objects.requireNonNull(address, "address"));
  }

  /**
   * get_by_uuid of a VM or a host at the master reached from the address, straight from its
   * database: the ref, or null. A snapshot of the whole pool would do too, but a pool of thousands
   * of VMs rebuilds it after every change, and every {@code VM.start_on} of a client looks up its
   * VM and host first.
   */
  public String refByUuid(String address, String cls, String uuid) {
    return site.poolCall(Objects.requireNonNull(address, "address"), ctx -> switch (cls) {
      case "VM" -> Optional.ofNullable(ctx.pool().db.vms.byUuid(uuid)).map(Vm::ref).orElse(null);
      case "host" -> Optional.ofNullable(ctx.pool().db.hosts.byUuid(uuid)).map(HostRow::ref).orElse(null);
      default -> throw new IllegalArgumentException("no direct lookup of " + cls);
    });
  }

  /** VM.start, shutdowns, reboots, suspend/resume and host.enable/disable, run at the master reached from the address. */
  public VmPowerClient power(String address) {
    return new VmPowerClient(site, Objects.requireNonNull(address, "address"));
  }

  private PoolClient master() {
    return connect(masterAddress());
  }

  // ---- fault injection

  public void killHost(String hostUuid) {
    fault(hostUuid, (m, now) -> Faults.kill(site, m));
  }

  /**
   * The agent at {@code address} restarts on its own (a crash, {@code xe-toolstack-restart}): the
   * address refuses connections for the agent's downtime and every session and task it issued dies;
   * VMs keep running. Nothing happens at an address whose agent is not running.
   */
  public void restartAgentAt(String address) {
    synchronized (site.lock) {
      Machine m = site.machineAtAddress(address);
      if (m != null && m.reachable() && !m.busy()) {
        fault(m.uuid, (x, now) -> AgentRuns.restartAgent(site, x, now));
      }
    }
  }

  public void shutdownHost(String hostUuid) {
    fault(hostUuid, (m, now) -> Faults.shutdown(site, m, now));
  }

  public void cutNetwork(String hostUuid) {
    fault(hostUuid, (m, now) -> Faults.cutNetwork(m));
  }

  public void damageConfig(String hostUuid) {
    fault(hostUuid, (m, now) -> Faults.damageConfig(m));
  }

  public void loseStorage(String hostUuid, String srUuid) {
    fault(hostUuid, (m, now) -> Faults.loseStorage(site, m, srUuid));
  }

  public void killMaster() {
    synchronized (site.lock) {
      site.advance();
      killHost(site.primary.master.uuid);
    }
  }

  /**
   * Undoes the host's fault. A killed host's agent starts at once (no boot time): its VMs resync to
   * Halted, it says hello (or, its master gone, stays in emergency mode) and is disabled until it
   * has plugged its PBDs. A cut host reconnects; a damaged one restarts its agent.
   */
  public void bringBack(String hostUuid) {
    fault(hostUuid, (m, now) -> Faults.bringBack(site, m, now));
  }

  /** The operator's manual installer restore: applies a staged valid backup, then boots for hostBoot. */
  public void rebootIntoInstallerRestore(String hostUuid) {
    fault(hostUuid, (m, now) -> {
      String other = HostBackups.foreignStaged(m) ? HostBackups.subject(m.stagedBackup) : null;
      Faults.rebootIntoInstallerRestore(site, m, now);
      if (other != null) {
        HostBackups.cameUpAsAnother(site, m, other);
      }
    });
  }

  /** A standalone fresh install beside the pool; returns its host uuid. */
  public String addFreshHost(FreshHostSpec spec) {
    synchronized (site.lock) {
      Instant now = site.advance();
      Machine m = new SpecBuilder(site, now).freshHost(spec);
      log.info("fresh host {} ({}) installed at {}", m.uuid, m.nameLabel, m.address);
      publishMachines();
      return m.uuid;
    }
  }

  /**
   * The pool master's SM paused this disk (a snapshot or a leaf-coalesce of the storage GC) and the
   * master lost power before unpausing it: {@code paused} stays in the disk's sm_config. The pause
   * was written before the last database push, so the members' replicas carry it too.
   */
  public void killMasterWhileDiskPaused(String vdiUuid) {
    synchronized (site.lock) {
      Instant now = site.advance();
      PoolState p = site.primary;
      Vdi vdi = p.db.vdi(vdiUuid);
      p.db.vdis.put(Rows.withKey(vdi, Vdi.PAUSED_KEY, "true"));
      p.changed();
      site.pushReplicas(p, now);
      killHost(p.master.uuid);
    }
  }

  /** Whole-pool failure: every host of the pool is killed for good. */
  public void loseAllHosts() {
    synchronized (site.lock) {
      Instant now = site.advance();
      Faults.loseAll(site, site.primary);
      site.refreshHeartbeats(now);
      site.changedAll();
      publishMachines();
    }
  }

  /** Moves the storage behind an SR: from now on it answers only to this device_config (e.g. a new site's NFS server). */
  public void setStorageTarget(String srUuid, Map<String, String> deviceConfig) {
    synchronized (site.lock) {
      site.advance();
      StorageTarget old = site.storage.get(srUuid);
      site.storage.put(srUuid, new StorageTarget(deviceConfig, old == null ? null : old.homeMachineUuid()));
      log.info("storage of SR {} now answers to {}", srUuid, Redact.deviceConfig(deviceConfig));
    }
  }

  /**
   * An operator deletes a halted VM by mistake ({@code xe vm-destroy}): its record and its VBDs go,
   * its disks stay in their SR. A VM that is not Halted is refused as XAPI refuses VM.destroy.
   */
  public void destroyHaltedVm(String vmUuid) {
    synchronized (site.lock) {
      site.advance();
      Db db = site.primary.db;
      Vm vm = db.vm(vmUuid);
      if (vm.powerState() != PowerState.HALTED || vm.controlDomain()) {
        throw new XapiException(XapiErrors.VM_BAD_POWER_STATE, vm.ref(), "halted",
            vm.powerState().xapiName().toLowerCase(java.util.Locale.ROOT));
      }
      for (Vbd b : db.vbdsOf(vm)) {
        db.vbds.remove(b.ref());
      }
      db.vms.remove(vm.ref());
      site.primary.changed();
      log.info("OPERATOR: VM {} ({}) destroyed; its disks stay", vmUuid, vm.nameLabel());
    }
  }

  /** host.disable / host.enable, for tests of HOST_DISABLED. */
  public void setHostEnabled(String hostUuid, boolean enabled) {
    fault(hostUuid, (m, now) -> {
      PoolState p = m.pool;
      HostRow row = p.db.hosts.byUuid(hostUuid);
      if (row != null) {
        p.db.hosts.put(row.withEnabled(enabled));
      }
    });
  }

  private void fault(String hostUuid, BiConsumer<Machine, Instant> action) {
    synchronized (site.lock) {
      Instant now = site.advance();
      Machine m = site.machine(hostUuid);
      if (m == null) {
        throw new IllegalArgumentException("no machine with host uuid " + hostUuid);
      }
      action.accept(m, now);
      site.refreshHeartbeats(now);
      site.changedAll();
      publishMachines();
    }
  }

  // ---- BMCs: the physical truth over a management network (served by BmcServer)

  /** Every machine's BMC, pool hosts and fresh hosts alike. */
  public List<BmcState> bmcs() {
    synchronized (site.lock) {
      site.advance();
      return site.machines.values().stream().map(Bmcs::state).toList();
    }
  }

  /** The BMC listening at that address, if any. */
  public Optional<BmcState> bmcAt(String bmcAddress) {
    synchronized (site.lock) {
      site.advance();
      return Optional.ofNullable(Bmcs.machineAt(site, bmcAddress)).map(Bmcs::state);
    }
  }

  /** A Redfish {@code ComputerSystem.Reset} received by the BMC at that address; journaled as {@code bmc.<type>}. */
  public BmcReset bmcReset(String bmcAddress, String resetType) {
    synchronized (site.lock) {
      Instant now = site.advance();
      Machine m = Bmcs.machineAt(site, bmcAddress);
      if (m == null) {
        throw new IllegalArgumentException("no BMC at " + bmcAddress);
      }
      BmcReset r = Bmcs.reset(site, m, resetType, now);
      site.refreshHeartbeats(now);
      site.changedAll();
      publishMachines();
      return r;
    }
  }

  public void setBmcFault(String hostUuid, BmcFault fault) {
    fault(hostUuid, (m, now) -> m.bmcFault = Objects.requireNonNull(fault, "fault"));
  }

  public void setBmcCredentials(String hostUuid, String user, String password) {
    fault(hostUuid, (m, now) -> {
      m.bmcUser = Objects.requireNonNull(user, "user");
      m.bmcPassword = Objects.requireNonNull(password, "password");
    });
  }

  // ---- physical truth

  /** VM uuid -> host uuid where its domain really runs (the latest start when it runs twice). */
  public Map<String, String> runningDomains() {
    synchronized (site.lock) {
      site.advance();
      return Map.copyOf(site.domains.latest());
    }
  }

  /** VM uuids whose suspend image is on storage (written by VM.suspend, read back by VM.resume). */
  public List<String> suspendImages() {
    synchronized (site.lock) {
      return site.domains.suspendImages();
    }
  }

  public List<String> integrityViolations() {
    synchronized (site.lock) {
      return site.domains.violations();
    }
  }

  // ---- PoolClient: as connect(masterAddress()) at the time of each call

  @Override
  public String address() {
    return masterAddress();
  }

  @Override
  public HostProbe probe() {
    return master().probe();
  }

  @Override
  public PoolSnapshot snapshot() {
    return master().snapshot();
  }

  @Override
  public void hostDestroy(String hostUuid) {
    master().hostDestroy(hostUuid);
  }

  @Override
  public void vmPowerStateReset(String vmUuid) {
    master().vmPowerStateReset(vmUuid);
  }

  @Override
  public void vmStartOn(String vmUuid, String hostUuid) {
    master().vmStartOn(vmUuid, hostUuid);
  }

  @Override
  public void vdiRemoveFromSmConfig(String vdiUuid, String key) {
    master().vdiRemoveFromSmConfig(vdiUuid, key);
  }

  @Override
  public List<String> resetVdis(String hostUuid, String srUuid, boolean srMaster) {
    return master().resetVdis(hostUuid, srUuid, srMaster);
  }

  @Override
  public String pbdCreate(String hostUuid, String srUuid, Map<String, String> deviceConfig) {
    return master().pbdCreate(hostUuid, srUuid, deviceConfig);
  }

  @Override
  public void pbdDestroy(String pbdUuid) {
    master().pbdDestroy(pbdUuid);
  }

  @Override
  public void pbdPlug(String pbdUuid) {
    master().pbdPlug(pbdUuid);
  }

  @Override
  public void pbdUnplug(String pbdUuid) {
    master().pbdUnplug(pbdUuid);
  }

  @Override
  public void setDefaultSr(String srUuid) {
    master().setDefaultSr(srUuid);
  }

  @Override
  public void enableHa(List<String> heartbeatSrUuids, Map<String, String> configuration) {
    master().enableHa(heartbeatSrUuids, configuration);
  }

  @Override
  public void disableHa() {
    master().disableHa();
  }

  @Override
  public void syncDatabase() {
    master().syncDatabase();
  }

  @Override
  public void emergencyTransitionToMaster() {
    master().emergencyTransitionToMaster();
  }

  @Override
  public List<String> recoverSlaves() {
    return master().recoverSlaves();
  }

  @Override
  public byte[] dumpDatabase() {
    return master().dumpDatabase();
  }

  @Override
  public void restoreDatabase(byte[] dump, boolean dryRun) {
    master().restoreDatabase(dump, dryRun);
  }

  @Override
  public byte[] hostBackup(String hostUuid) {
    return master().hostBackup(hostUuid);
  }

  @Override
  public void hostRestore(byte[] backup) {
    master().hostRestore(backup);
  }

  @Override
  public byte[] exportVmMetadata(String vmUuid) {
    return master().exportVmMetadata(vmUuid);
  }

  @Override
  public List<String> importVmMetadata(byte[] export, boolean force, boolean dryRun) {
    return master().importVmMetadata(export, force, dryRun);
  }

  @Override
  public void poolJoin(String masterAddress) {
    master().poolJoin(masterAddress);
  }

  @Override
  public void poolJoin(String masterAddress, String masterUser, CredentialSource masterPassword) {
    master().poolJoin(masterAddress, masterUser, masterPassword);
  }

  /** pool.join on the host at {@code joinerAddress} as the wire receives it, with the password given in the call. */
  public void poolJoinAt(String joinerAddress, String masterAddress, String masterUser, String masterPassword) {
    new SimPoolClient(site, joinerAddress).poolJoin(masterAddress, masterUser, () -> masterPassword);
  }

  @Override
  public void close() {
    // the simulator lives as long as its owner keeps it
  }
}
