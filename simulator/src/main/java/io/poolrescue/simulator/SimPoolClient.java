package io.poolrescue.simulator;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.xapi.CredentialSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * An in-process client opened on one address. It routes each call the way XapiClient does over the
 * wire: pool-wide calls follow HOST_IS_SLAVE to the master; host-local calls stay on this address.
 */
final class SimPoolClient implements PoolClient {
  private final Site site;
  private final String address;

  SimPoolClient(Site site, String address) {
    this.site = site;
    this.address = address;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public HostProbe probe() {
    synchronized (site.lock) {
      site.advance();
      MachineState s = site.stateAt(address);
      if (s instanceof MachineState.Down d) {
        return new HostProbe.Unreachable(address, d.reason());
      }
      if (s instanceof MachineState.Unavailable u) {
        return new HostProbe.Unavailable(address, u.errorCode());
      }
      MachineState.Up up = (MachineState.Up) s;
      return up.master() ? new HostProbe.Master(address) : new HostProbe.Slave(address, up.masterAddress());
    }
  }

  @Override
  public PoolSnapshot snapshot() {
    return site.poolCall(address, ctx -> site.snapshot(ctx.pool(), ctx.now()));
  }

  @Override
  public void hostDestroy(String hostUuid) {
    site.poolCall(address, ctx -> {
      HostOps.destroy(ctx, hostUuid);
      return null;
    });
    site.pause(site.latencies.hostDestroy());
  }

  @Override
  public void vmPowerStateReset(String vmUuid) {
    site.poolCall(address, ctx -> {
      VmOps.powerStateReset(ctx, vmUuid);
      return null;
    });
    site.pause(site.latencies.powerStateReset());
  }

  /**
   * With a start latency: checked and marked at once, then the start waits for one of the host's
   * start slots and takes its time outside the lock; the domain runs when it ends.
   */
  @Override
  public void vmStartOn(String vmUuid, String hostUuid) {
    if (site.latencies.vmStart().isZero()) {
      site.poolCall(address, ctx -> {
        VmOps.startOn(ctx, vmUuid, hostUuid);
        return null;
      });
      return;
    }
    VmOps.PendingStart pending = site.poolCall(address, ctx -> VmOps.beginStart(ctx, vmUuid, hostUuid));
    Semaphore slots = site.startSlots(pending.hostUuid());
    boolean slot = false;
    try {
      slots.acquire();
      slot = true;
      site.pause(pending.takes(site.latencies));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the start goes on on the host whatever the caller does
    } finally {
      if (slot) {
        slots.release();
      }
    }
    site.locked(now -> {
      VmOps.finishStart(site, pending, now);
      return null;
    });
  }

  @Override
  public void vdiRemoveFromSmConfig(String vdiUuid, String key) {
    site.poolCall(address, ctx -> {
      StorageOps.vdiRemoveFromSmConfig(ctx, vdiUuid, key);
      return null;
    });
  }

  @Override
  public List<String> resetVdis(String hostUuid, String srUuid, boolean srMaster) {
    List<String> changed = site.poolCall(address, ctx -> StorageOps.resetVdis(ctx, hostUuid, srUuid, srMaster));
    site.pause(site.latencies.resetVdis());
    return changed;
  }

  @Override
  public String pbdCreate(String hostUuid, String srUuid, Map<String, String> deviceConfig) {
    Map<String, String> dc = deviceConfig == null ? Map.of() : Map.copyOf(deviceConfig);
    return site.poolCall(address, ctx -> StorageOps.pbdCreate(ctx, hostUuid, srUuid, dc));
  }

  @Override
  public void pbdDestroy(String pbdUuid) {
    site.poolCall(address, ctx -> {
      StorageOps.pbdDestroy(ctx, pbdUuid);
      return null;
    });
  }

  @Override
  public void pbdPlug(String pbdUuid) {
    site.poolCall(address, ctx -> {
      StorageOps.pbdPlug(ctx, pbdUuid);
      return null;
    });
    site.pause(site.latencies.pbdPlug());
  }

  @Override
  public void pbdUnplug(String pbdUuid) {
    site.poolCall(address, ctx -> {
      StorageOps.pbdUnplug(ctx, pbdUuid);
      return null;
    });
  }

  @Override
  public void setDefaultSr(String srUuid) {
    site.poolCall(address, ctx -> {
      PoolOps.setDefaultSr(ctx, srUuid);
      return null;
    });
  }

  @Override
  public void enableHa(List<String> heartbeatSrUuids, Map<String, String> configuration) {
    site.poolCall(address, ctx -> {
      PoolOps.enableHa(ctx, heartbeatSrUuids == null ? List.of() : List.copyOf(heartbeatSrUuids),
          configuration == null ? Map.of() : Map.copyOf(configuration));
      return null;
    });
  }

  @Override
  public void disableHa() {
    site.poolCall(address, ctx -> {
      PoolOps.disableHa(ctx);
      return null;
    });
  }

  @Override
  public void syncDatabase() {
    site.poolCall(address, ctx -> {
      PoolOps.syncDatabase(ctx);
      return null;
    });
  }

  @Override
  public void emergencyTransitionToMaster() {
    site.hostCall(address, true, (m, now) -> {
      MasterTransition.emergencyTransition(site, m, now);
      return null;
    });
  }

  @Override
  public List<String> recoverSlaves() {
    return site.poolCall(address, MasterTransition::recoverSlaves);
  }

  @Override
  public byte[] dumpDatabase() {
    return site.poolCall(address, ctx -> DumpWriter.dump(ctx.pool(), site, ctx.now()));
  }

  @Override
  public void restoreDatabase(byte[] dump, boolean dryRun) {
    site.hostCall(address, false, (m, now) -> {
      DatabaseRestore.restore(site, m, dump, dryRun, now);
      return null;
    });
  }

  /** Sent to the host's own address, found in the pool's database. */
  @Override
  public byte[] hostBackup(String hostUuid) {
    String hostAddress = site.poolCall(address, ctx -> ctx.db().host(hostUuid).address());
    synchronized (site.lock) {
      site.advance();
      Machine m = site.machineAtAddress(hostAddress);
      MachineState s = m == null ? new MachineState.Down("nothing answers") : m.state();
      if (s instanceof MachineState.Down d) {
        throw new PoolUnreachableException(hostAddress, d.reason(), null);
      }
      if (s instanceof MachineState.Unavailable u) {
        throw u.refusal();
      }
      return HostBackups.backup(m);
    }
  }

  @Override
  public void hostRestore(byte[] backup) {
    site.hostCall(address, true, (m, now) -> {
      HostBackups.restore(site, m, backup, now);
      return null;
    });
    site.pause(site.latencies.hostRestoreUpload());
  }

  @Override
  public byte[] exportVmMetadata(String vmUuid) {
    return site.poolCall(address, ctx -> VmMetadata.export(ctx, vmUuid));
  }

  @Override
  public List<String> importVmMetadata(byte[] export, boolean force, boolean dryRun) {
    return site.poolCall(address, ctx -> VmMetadata.importMetadata(ctx, export, force, dryRun));
  }

  @Override
  public void poolJoin(String masterAddress) {
    site.hostCall(address, false, (m, now) -> {
      PoolJoin.join(site, m, masterAddress, site.user(), site::acceptsSiteCredentials, now);
      return null;
    });
  }

  @Override
  public void poolJoin(String masterAddress, String masterUser, CredentialSource masterPassword) {
    poolJoin(masterAddress, masterUser, masterPassword::password);
  }

  /** pool.join with these credentials for the master; the password is read only for the login. */
  void poolJoin(String masterAddress, String masterUser, Supplier<String> masterPassword) {
    site.hostCall(address, false, (m, now) -> {
      PoolJoin.join(site, m, masterAddress, masterUser, t -> site.authenticateAt(t, masterUser, masterPassword.get()),
          now);
      return null;
    });
    site.pause(site.latencies.poolJoin());
  }

  @Override
  public void close() {
    // nothing to release in-process
  }
}
