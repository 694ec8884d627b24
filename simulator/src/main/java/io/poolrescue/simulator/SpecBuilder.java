package io.poolrescue.simulator;

import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a checked {@link PoolSpec} (or a fresh host) into machines, a pool database and storage. */
final class SpecBuilder {
  static final long MIB = 1024L * 1024L;

  private final Site site;
  private final Instant now;

  SpecBuilder(Site site, Instant now) {
    this.site = site;
    this.now = now;
  }

  static long dom0Memory(long hostMemory) {
    return Math.min(4096 * MIB, hostMemory / 8);
  }

  PoolState build(PoolSpec spec) {
    SpecValidator.validate(spec);
    Ids ids = site.ids;
    PoolSpec.Credentials cred = spec.effectiveCredentials();
    site.credentials(cred.user(), cred.password());

    int masterIndex = 0;
    for (int i = 0; i < spec.hosts().size(); i++) {
      if (Boolean.TRUE.equals(spec.hosts().get(i).master())) {
        masterIndex = i;
      }
    }
    PoolInfo info = new PoolInfo(ids.ref(), ids.uuid(), spec.name() == null ? "pool" : spec.name(), null, null, false);
    Db db = new Db(info, ids.uuid());
    Map<String, HostRow> hostsByName = new LinkedHashMap<>();
    List<Machine> machines = new ArrayList<>();
    for (PoolSpec.HostSpec hs : spec.hosts()) {
      List<String> nics = hs.nics() == null || hs.nics().isEmpty() ? List.of("eth0", "eth1") : hs.nics();
      String mgmt = hs.managementNic() == null ? nics.get(0) : hs.managementNic();
      Machine m = newMachine(hs.uuid() == null ? ids.uuid() : hs.uuid(), hs.name(), hs.address(),
          hs.memoryMiB() * MIB, nics, mgmt);
      if (hs.serial() != null) {
        m.serial = hs.serial();
        m.bmcPassword = Bmcs.defaultPassword(m.serial);
      }
      Site.rootPassword(m, hs.rootPassword());
      HostRow row = addHost(db, m);
      hostsByName.put(hs.name(), row);
      machines.add(m);
    }
    Machine master = machines.get(masterIndex);
    db.pool = Rows.master(db.pool, db.hosts.byUuid(master.uuid).ref());

    Map<String, Sr> srsByName = new HashMap<>();
    for (PoolSpec.SrSpec ss : spec.srs()) {
      String type = ss.type() != null ? ss.type() : ss.shared() ? "nfs" : "ext";
      Sr sr = new Sr(ids.ref(), ss.uuid() == null ? ids.uuid() : ss.uuid(), ss.name(), type, ss.shared());
      db.srs.put(sr);
      srsByName.put(ss.name(), sr);
      if (ss.shared()) {
        Map<String, String> dc = ss.deviceConfig() != null ? ss.deviceConfig()
            : Map.of("server", "10.0.0.10", "serverpath", "/export/" + ss.name());
        site.storage.put(sr.uuid(), new StorageTarget(dc, null));
        for (HostRow h : hostsByName.values()) {
          db.pbds.put(new Pbd(ids.ref(), ids.uuid(), h.ref(), sr.ref(), dc, true));
        }
      } else {
        HostRow owner = hostsByName.get(ss.owner());
        Map<String, String> dc = ss.deviceConfig() != null ? ss.deviceConfig() : Map.of("device", "/dev/sdb");
        site.storage.put(sr.uuid(), new StorageTarget(dc, owner.uuid()));
        db.pbds.put(new Pbd(ids.ref(), ids.uuid(), owner.ref(), sr.ref(), dc, true));
      }
    }

    for (PoolSpec.VmSpec vs : spec.vms()) {
      PowerState state = vs.powerState() == null ? PowerState.HALTED : PowerState.fromXapi(vs.powerState());
      HostRow resident = Db.active(state) ? hostsByName.get(vs.residentOn()) : null;
      String vmRef = ids.ref();
      List<String> vbdRefs = new ArrayList<>();
      List<PoolSpec.DiskSpec> disks = vs.disks() == null ? List.of() : vs.disks();
      for (int i = 0; i < disks.size(); i++) {
        PoolSpec.DiskSpec ds = disks.get(i);
        Sr sr = srsByName.get(ds.sr());
        String mode = ds.mode() == null ? "RW" : ds.mode();
        String vdiUuid = ds.uuid() == null ? ids.uuid() : ds.uuid();
        Map<String, String> sm = resident == null ? Map.of() : Map.of(Vdi.lockKey(resident.ref()), mode);
        Vdi vdi = new Vdi(ids.ref(), vdiUuid, vs.name() + " disk " + i, sr.ref(),
            ds.location() == null ? vdiUuid : ds.location(), false, sm);
        db.vdis.put(vdi);
        Vbd vbd = new Vbd(ids.ref(), ids.uuid(), vmRef, vdi.ref(), mode, resident != null);
        db.vbds.put(vbd);
        vbdRefs.add(vbd.ref());
      }
      String uuid = vs.uuid() == null ? ids.uuid() : vs.uuid();
      Vm vm = new Vm(vmRef, uuid, vs.name(), state, resident == null ? null : resident.ref(), vs.memoryMiB() * MIB,
          vs.haRestartPriority() == null ? "" : vs.haRestartPriority(), vs.order() == null ? 0 : vs.order(),
          vs.version() == null ? 1 : vs.version(), false, vbdRefs);
      db.vms.put(vm);
      if (resident != null) {
        site.domains.start(uuid, resident.uuid());
      }
    }
    if (spec.defaultSr() != null) {
      db.pool = Rows.defaultSr(db.pool, srsByName.get(spec.defaultSr()).ref());
    }
    if (Boolean.TRUE.equals(spec.haEnabled())) {
      db.pool = Rows.ha(db.pool, true);
    }

    PoolState p = new PoolState(db, master, now, site.timings);
    if (db.pool.haEnabled()) {
      // a pool described with HA on keeps its statefile on the first shared SR
      p.haStatefileSrRef = db.srs.list().stream().filter(Sr::shared).map(Sr::ref).findFirst().orElse(null);
    }
    for (HostRow h : db.hosts.all()) {
      p.liveness.put(h.ref(), new HostLiveness(true, now));
    }
    for (Machine m : machines) {
      m.pool = p;
      m.masterAddress = master.address;
      site.machines.put(m.uuid, m);
    }
    site.addPool(p);
    site.primary = p;
    site.pushReplicas(p, now);
    site.refreshHeartbeats(now);
    return p;
  }

  /** A standalone fresh install: its own one-host pool with a local SR. */
  Machine freshHost(FreshHostSpec spec) {
    if (site.machineAtAddress(spec.address()) != null) {
      throw new IllegalArgumentException("address " + spec.address() + " is already taken");
    }
    Ids ids = site.ids;
    Machine m = newMachine(ids.uuid(), spec.nameLabel(), spec.address(), spec.memoryTotal(), spec.nicDevices(),
        spec.managementDevice());
    Site.rootPassword(m, spec.rootPassword());
    Db db = new Db(new PoolInfo(ids.ref(), ids.uuid(), "", null, null, false), ids.uuid());
    HostRow row = addHost(db, m);
    db.pool = Rows.master(db.pool, row.ref());
    Sr local = new Sr(ids.ref(), ids.uuid(), "Local storage on " + spec.nameLabel(), "ext", false);
    db.srs.put(local);
    Map<String, String> dc = Map.of("device", "/dev/sda3");
    site.storage.put(local.uuid(), new StorageTarget(dc, m.uuid));
    db.pbds.put(new Pbd(ids.ref(), ids.uuid(), row.ref(), local.ref(), dc, true));
    db.pool = Rows.defaultSr(db.pool, local.ref());
    PoolState p = new PoolState(db, m, now, site.timings);
    p.liveness.put(row.ref(), new HostLiveness(true, now));
    m.pool = p;
    m.masterAddress = m.address;
    site.machines.put(m.uuid, m);
    site.addPool(p);
    return m;
  }

  private Machine newMachine(String uuid, String name, String address, long memory, List<String> nics, String mgmt) {
    Machine m = new Machine(uuid);
    m.serial = serialFor(uuid);
    m.bmcPassword = Bmcs.defaultPassword(m.serial);
    m.nameLabel = name;
    m.address = address;
    m.memoryTotal = memory;
    for (String n : nics) {
      m.nics.add(new Machine.Nic(n, site.ids.mac()));
    }
    m.managementDevice = mgmt;
    return m;
  }

  /** A serial made from the uuid, so it is stable and takes nothing from the id sequence. */
  static String serialFor(String uuid) {
    return "SIM" + uuid.replace("-", "").substring(0, 9).toUpperCase(java.util.Locale.ROOT);
  }

  /** The host record, its metrics, its physical PIFs and its control domain. */
  HostRow addHost(Db db, Machine m) {
    Ids ids = site.ids;
    HostRow row = new HostRow(ids.ref(), m.uuid, m.nameLabel, m.address, true, m.memoryTotal, ids.ref(), ids.uuid(),
        m.serial);
    db.hosts.put(row);
    for (Machine.Nic nic : m.nics) {
      db.pifs.put(new Pif(ids.ref(), ids.uuid(), row.ref(), nic.device(), nic.mac(), true,
          nic.device().equals(m.managementDevice)));
    }
    Vm dom0 = new Vm(ids.ref(), ids.uuid(), "Control domain on host: " + m.nameLabel, PowerState.RUNNING, row.ref(),
        dom0Memory(m.memoryTotal), "", 0, 1, true, List.of());
    db.vms.put(dom0);
    return row;
  }
}
