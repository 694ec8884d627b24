package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** host.destroy, i.e. {@code xe host-forget} (reference §2), and host.enable / host.disable. */
final class HostOps {
  private static final Logger log = LoggerFactory.getLogger(HostOps.class);

  private HostOps() {}

  static void destroy(Ctx ctx, String hostUuid) {
    ctx.site().journaledVoid(ctx, "host.destroy", Site.args(hostUuid), () -> {
      Db db = ctx.db();
      HostRow host = db.host(hostUuid);
      if (ctx.site().isHostAlive(ctx, host)) {
        throw new XapiException(XapiErrors.HOST_IS_LIVE, host.ref());
      }
      if (db.pool.haEnabled()) {
        throw new XapiException(XapiErrors.HA_IS_ENABLED);
      }
      if (!db.residentVms(host.ref()).isEmpty()) {
        throw new XapiException(XapiErrors.HOST_HAS_RESIDENT_VMS, host.ref());
      }
      remove(ctx.site(), ctx.pool(), host);
      log.info("host {} ({}) forgotten by the pool", host.uuid(), host.nameLabel());
    });
  }

  /**
   * host.disable / host.enable: forwarded to the host itself (HOST_OFFLINE, CANNOT_CONTACT_HOST when
   * it cannot be reached), which then sets its own {@code enabled}. A disabled host takes no new VMs.
   */
  static void setEnabled(Ctx ctx, String hostUuid, boolean enabled) {
    String call = enabled ? "host.enable" : "host.disable";
    ctx.site().journaledVoid(ctx, call, Site.args(hostUuid), () -> {
      HostRow host = ctx.db().host(hostUuid);
      ctx.site().forwardTo(ctx, host);
      ctx.db().hosts.put(host.withEnabled(enabled));
      log.info("host {} ({}) {}", host.uuid(), host.nameLabel(), enabled ? "enabled" : "disabled");
    });
  }

  /**
   * Drops the host with everything that depends on it. Real XAPI leaves PBDs and PIFs to the DB GC
   * (within 30 s); here they go at once. Local SRs stay, with their VDIs and no PBD.
   */
  static void remove(Site site, PoolState p, HostRow host) {
    p.db.dropHost(host);
    p.liveness.remove(host.ref());
    Machine m = site.machineOf(host);
    if (m != null && m.pool == p) {
      // it may come back some day: the master will not know it
      m.unknownToMaster = true;
    }
  }
}
