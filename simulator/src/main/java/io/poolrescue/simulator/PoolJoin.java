package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pool.join}, called on the joining host (reference §10). The joiner's local SRs and halted
 * VMs are copied into the pool, and it gets PBDs for the pool's shared SRs made from the master's
 * device_config, unplugged. Then its agent restarts as a member (refusing connections meanwhile),
 * says hello, plugs the PBDs whose storage answers and enables itself.
 */
final class PoolJoin {
  private static final Logger log = LoggerFactory.getLogger(PoolJoin.class);

  private PoolJoin() {}

  /**
   * The checks in xapi_pool's order (reference §17): log in to the master first, then HA on either
   * side, joining itself or from within a pool, a joiner with hosts of its own, running VMs, shared
   * SRs. {@code login} says whether the master accepts the joiner's credentials for {@code user};
   * the password behind it is read only then and never journaled.
   */
  static void join(Site site, Machine joiner, String masterAddress, String user, Predicate<Machine> login,
      Instant now) {
    site.journaled(now, joiner.address, null, "pool.join", Site.args(masterAddress), () -> {
      Machine target = loginToMaster(site, masterAddress, user, login);
      PoolState mine = joiner.pool;
      if (mine.db.pool.haEnabled()) {
        throw new XapiException(XapiErrors.HA_IS_ENABLED);
      }
      PoolState p = target.pool;
      if (p.db.pool.haEnabled()) {
        throw new XapiException(XapiErrors.HA_IS_ENABLED);
      }
      if (target == joiner) {
        throw new XapiException(XapiErrors.OPERATION_NOT_ALLOWED, "Host cannot become slave of itself");
      }
      if (!joiner.isMaster()) {
        throw new XapiException(XapiErrors.OPERATION_NOT_ALLOWED, "Host is already part of a pool");
      }
      if (mine.db.hosts.size() > 1) {
        throw new XapiException(XapiErrors.JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS);
      }
      if (mine.db.vms.all().stream().anyMatch(v -> !v.controlDomain() && Db.active(v))) {
        throw new XapiException(XapiErrors.JOINING_HOST_CANNOT_HAVE_RUNNING_VMS);
      }
      if (mine.db.srs.all().stream().anyMatch(Sr::shared)) {
        throw new XapiException(XapiErrors.JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS);
      }
      absorb(site, joiner, mine, p, now);
      return null;
    });
  }

  /**
   * session.login_with_password on the master as the joiner does it. Nothing listening fails the
   * join service; an agent that restarts behind its stunnel resets the connection; a member answers
   * HOST_IS_SLAVE; wrong credentials are refused as any login.
   */
  private static Machine loginToMaster(Site site, String masterAddress, String user, Predicate<Machine> login) {
    Machine target = site.machineAtAddress(masterAddress);
    if (target == null || !target.reachable()) {
      throw new XapiException(XapiErrors.JOINING_HOST_SERVICE_FAILED);
    }
    if (target.busy()) {
      throw new XapiException(XapiErrors.JOINING_HOST_CONNECTION_FAILED);
    }
    if (target.state() instanceof MachineState.Unavailable u) {
      throw u.refusal();
    }
    if (!target.isMaster()) {
      throw new XapiException(XapiErrors.HOST_IS_SLAVE, target.masterAddress);
    }
    if (!login.test(target)) {
      throw new XapiException(XapiErrors.SESSION_AUTHENTICATION_FAILED, user, "Authentication failure");
    }
    return target;
  }

  private static void absorb(Site site, Machine joiner, PoolState mine, PoolState p, Instant now) {
    Db db = p.db;
    HostRow row = new SpecBuilder(site, now).addHost(db, joiner);
    for (Sr sr : mine.db.srs.all()) {
      db.srs.put(sr);
      for (Vdi vdi : mine.db.vdisOfSr(sr.ref())) {
        db.vdis.put(vdi);
      }
      Pbd old = mine.db.pbdFor(sr.ref(), mine.db.pool.masterRef());
      if (old != null) {
        db.pbds.put(new Pbd(site.ids.ref(), site.ids.uuid(), row.ref(), sr.ref(), old.deviceConfig(), false));
      }
    }
    for (Vm vm : mine.db.vms.all()) {
      if (!vm.controlDomain()) {
        db.vms.put(vm);
        for (Vbd b : mine.db.vbdsOf(vm)) {
          db.vbds.put(b);
        }
      }
    }
    HostRow master = db.master();
    List<String> unplugged = new ArrayList<>();
    for (Sr sr : db.srs.list()) {
      if (!sr.shared()) {
        continue;
      }
      Pbd model = db.pbdFor(sr.ref(), master.ref());
      if (model == null) {
        continue;
      }
      boolean ok = StorageOps.storageProblem(site, joiner, sr, model.deviceConfig()) == null;
      db.pbds.put(new Pbd(site.ids.ref(), site.ids.uuid(), row.ref(), sr.ref(), model.deviceConfig(), false));
      if (!ok) {
        unplugged.add(sr.uuid());
      }
    }
    p.liveness.put(row.ref(), new HostLiveness(true, now));
    joiner.pool = p;
    joiner.masterAddress = p.master.address;
    joiner.replica = db.copy();
    site.removePool(mine);
    AgentRuns.restartAgent(site, joiner, now);
    p.changed();
    log.info("host {} joined the pool of {}{}", joiner.uuid, p.master.address,
        unplugged.isEmpty() ? "" : "; shared SRs its storage does not reach (repair needed): " + unplugged);
  }
}
