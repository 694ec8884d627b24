package io.poolrescue.activities.storage;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.SentMarker;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.fence.FenceGuard;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vdi;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class StorageActivitiesImpl implements StorageActivities {
  private static final Logger log = LoggerFactory.getLogger(StorageActivitiesImpl.class);
  private final PoolAccess pool;
  private final FenceGuard fence;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  public StorageActivitiesImpl(PoolConnector connector, FenceGuard fence, ApprovalCheck approvals) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
    this.fence = fence;
  }

  @Override
  public LockRelease releaseVdiLocks(String poolAddress, String hostUuid, String srUuid, boolean srMaster,
      boolean attested, ApprovalProof approval) {
    approvals.require(approval, GateIds.RELEASE_VDI_LOCKS, List.of(srUuid));
    return pool.on(poolAddress, "release VDI locks of host " + hostUuid + " on SR " + srUuid, c -> {
      PoolSnapshot s = c.snapshot();
      Sr sr = s.srByUuid(srUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID, "no SR " + srUuid));
      Host h = s.hostByUuid(hostUuid).orElse(null);
      if (h == null) {
        return new LockRelease(hostUuid, srUuid, srMaster, LockRelease.Action.HOST_GONE, List.of());
      }
      if (h.live()) {
        throw XapiFailures.refused(XapiErrors.HOST_IS_LIVE, "host " + hostUuid + " (" + h.nameLabel()
            + ") is live: its VDI locks may guard disks in use, they are not released");
      }
      String key = Vdi.lockKey(h.ref());
      boolean anything = s.vdisOf(sr.ref()).stream()
          .anyMatch(v -> v.smConfig().containsKey(key) || (srMaster && v.smConfig().containsKey(Vdi.PAUSED_KEY)));
      if (!anything) {
        return new LockRelease(hostUuid, srUuid, srMaster, LockRelease.Action.NONE_HELD, List.of());
      }
      fence.requireOff(hostUuid, h.address(), attested, "resetvdis");
      List<String> changed = c.resetVdis(hostUuid, srUuid, srMaster);
      log.warn("released VDI locks of host {} on SR {} (master flag {}): {}", hostUuid, srUuid, srMaster, changed);
      return new LockRelease(hostUuid, srUuid, srMaster, LockRelease.Action.RELEASED, changed);
    });
  }

  @Override
  public PbdResult createPbd(String poolAddress, String hostUuid, String srUuid, Map<String, String> deviceConfig) {
    return pool.on(poolAddress, "create PBD for host " + hostUuid + " and SR " + srUuid, c -> {
      PoolSnapshot s = c.snapshot();
      Optional<Pbd> existing = pbdOf(s, hostUuid, srUuid);
      Map<String, String> config = deviceConfig == null ? Map.of() : deviceConfig;
      if (existing.isPresent()) {
        Pbd p = existing.get();
        if (p.deviceConfig().equals(config)) {
          return new PbdResult(hostUuid, srUuid, p.uuid(), PbdResult.Action.ALREADY_EXISTS, "same device config");
        }
        throw XapiFailures.refused(XapiErrors.PBD_EXISTS, "host " + hostUuid + " already has PBD " + p.uuid()
            + " for SR " + srUuid + " with another device config; destroy it first");
      }
      String uuid = c.pbdCreate(hostUuid, srUuid, config);
      return new PbdResult(hostUuid, srUuid, uuid, PbdResult.Action.CREATED, "device config keys " + config.keySet());
    });
  }

  @Override
  public PbdResult destroyPbd(String poolAddress, String hostUuid, String srUuid) {
    Optional<SentMarker> sent = SentMarker.earlier();
    return pool.on(poolAddress, "destroy PBD of host " + hostUuid + " and SR " + srUuid, c -> {
      Optional<Pbd> existing = pbdOf(c.snapshot(), hostUuid, srUuid);
      if (existing.isEmpty()) {
        // a destroyed PBD is gone at once: gone after our own PBD.destroy is our destroy
        return sent.isPresent()
            ? new PbdResult(hostUuid, srUuid, null, PbdResult.Action.DESTROYED,
                "destroyed by an earlier attempt at " + sent.get().sentAt())
            : new PbdResult(hostUuid, srUuid, null, PbdResult.Action.ALREADY_GONE, "no PBD");
      }
      Pbd p = existing.get();
      SentMarker.send(() -> {
        if (p.currentlyAttached()) {
          c.pbdUnplug(p.uuid());
        }
        c.pbdDestroy(p.uuid());
      });
      return new PbdResult(hostUuid, srUuid, p.uuid(), PbdResult.Action.DESTROYED,
          p.currentlyAttached() ? "unplugged then destroyed" : "destroyed");
    });
  }

  @Override
  public PbdResult plugPbd(String poolAddress, String hostUuid, String srUuid) {
    return pool.on(poolAddress, "plug PBD of host " + hostUuid + " and SR " + srUuid, c -> {
      Pbd p = pbdOf(c.snapshot(), hostUuid, srUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
          "host " + hostUuid + " has no PBD for SR " + srUuid + "; create one first"));
      if (p.currentlyAttached()) {
        return new PbdResult(hostUuid, srUuid, p.uuid(), PbdResult.Action.ALREADY_PLUGGED, "attached");
      }
      c.pbdPlug(p.uuid());
      return new PbdResult(hostUuid, srUuid, p.uuid(), PbdResult.Action.PLUGGED, "PBD.plug");
    });
  }

  @Override
  public PbdResult unplugPbd(String poolAddress, String hostUuid, String srUuid) {
    return pool.on(poolAddress, "unplug PBD of host " + hostUuid + " and SR " + srUuid, c -> {
      Optional<Pbd> p = pbdOf(c.snapshot(), hostUuid, srUuid);
      if (p.isEmpty() || !p.get().currentlyAttached()) {
        return new PbdResult(hostUuid, srUuid, p.map(Pbd::uuid).orElse(null), PbdResult.Action.ALREADY_UNPLUGGED,
            p.isEmpty() ? "no PBD" : "not attached");
      }
      c.pbdUnplug(p.get().uuid());
      return new PbdResult(hostUuid, srUuid, p.get().uuid(), PbdResult.Action.UNPLUGGED, "PBD.unplug");
    });
  }

  @Override
  public DefaultSrReport defaultSr(String poolAddress) {
    PoolSnapshot s = pool.on(poolAddress, "check default SR", PoolClient::snapshot);
    return DefaultSrReports.of(s);
  }

  @Override
  public DefaultSrChange setDefaultSr(String poolAddress, String srUuid, ApprovalProof approval) {
    approvals.require(approval, GateIds.SET_DEFAULT_SR, List.of(srUuid));
    return pool.on(poolAddress, "set default SR " + srUuid, c -> {
      PoolSnapshot s = c.snapshot();
      Sr sr = s.srByUuid(srUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
          "no SR " + srUuid + " in the pool"));
      if (!sr.shared()) {
        throw XapiFailures.invalid("SR " + srUuid + " (" + sr.nameLabel() + ") is local; a default SR must be shared");
      }
      String previous = s.sr(s.pool().defaultSrRef()).map(Sr::uuid).orElse(null);
      if (srUuid.equals(previous)) {
        return new DefaultSrChange(previous, srUuid, false);
      }
      c.setDefaultSr(srUuid);
      log.info("default SR of the pool of {} set to {} (was {})", poolAddress, srUuid, previous);
      return new DefaultSrChange(previous, srUuid, true);
    });
  }

  static Optional<Pbd> pbdOf(PoolSnapshot s, String hostUuid, String srUuid) {
    Host h = s.hostByUuid(hostUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
        "no host " + hostUuid + " in the pool"));
    Sr sr = s.srByUuid(srUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
        "no SR " + srUuid + " in the pool"));
    return s.pbdsOfSr(sr.ref()).stream().filter(p -> p.hostRef().equals(h.ref())).findFirst();
  }
}
