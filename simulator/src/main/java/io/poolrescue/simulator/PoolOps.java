package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Sr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** pool.set_default_SR, pool.enable_ha / disable_ha, pool.sync_database (reference §5, §6, §10). */
final class PoolOps {
  private static final Logger log = LoggerFactory.getLogger(PoolOps.class);

  private PoolOps() {}

  /** A plain field write: XAPI validates nothing here. */
  static void setDefaultSr(Ctx ctx, String srUuid) {
    ctx.site().journaledVoid(ctx, "pool.set_default_SR", Site.args(srUuid == null ? "" : srUuid), () -> {
      String ref = srUuid == null || srUuid.isEmpty() ? null : ctx.db().sr(srUuid).ref();
      ctx.db().pool = Rows.defaultSr(ctx.db().pool, ref);
      log.info("pool default SR set to {}", srUuid);
    });
  }

  static void enableHa(Ctx ctx, List<String> srUuids, Map<String, String> config) {
    List<String> args = new ArrayList<>(srUuids);
    config.forEach((k, v) -> args.add(k + "=" + v));
    ctx.site().journaledVoid(ctx, "pool.enable_ha", args, () -> {
      Db db = ctx.db();
      if (db.pool.haEnabled()) {
        throw new XapiException(XapiErrors.HA_IS_ENABLED);
      }
      for (HostRow h : db.hosts.all()) {
        if (!ctx.live(h.ref())) {
          throw new XapiException(XapiErrors.HOST_OFFLINE, h.ref());
        }
      }
      String statefile = statefileSr(db, srUuids);
      Duration timeout = ctx.site().timings.haTimeout();
      String t = config.get("timeout");
      if (t != null) {
        try {
          timeout = Duration.ofSeconds(Long.parseLong(t.trim()));
        } catch (NumberFormatException e) {
          throw new XapiException(XapiErrors.VALUE_NOT_SUPPORTED, "timeout", t, "not a number of seconds");
        }
      }
      ctx.pool().haTimeout = timeout;
      ctx.pool().haStatefileSrRef = statefile;
      for (HostLiveness l : ctx.pool().liveness.values()) {
        l.haLive = true;
        l.haCheckScheduled = false;
      }
      db.pool = Rows.ha(db.pool, true);
      log.info("HA enabled (timeout {})", timeout);
    });
  }

  /**
   * xapi_ha's statefile choice: only the first SR named is tried, and every host needs a plugged
   * PBD of it; with none named, the first SR plugged on every host is taken.
   */
  private static String statefileSr(Db db, List<String> srUuids) {
    if (!srUuids.isEmpty()) {
      Sr sr = db.sr(srUuids.get(0));
      if (!pluggedEverywhere(db, sr)) {
        throw new XapiException(XapiErrors.SR_NO_PBDS, sr.ref());
      }
      return sr.ref();
    }
    for (Sr sr : db.srs.list()) {
      if (sr.shared() && pluggedEverywhere(db, sr)) {
        return sr.ref();
      }
    }
    throw new XapiException(XapiErrors.CANNOT_CREATE_STATE_FILE);
  }

  private static boolean pluggedEverywhere(Db db, Sr sr) {
    return db.hosts.all().stream().allMatch(h -> db.srPluggedOn(sr.ref(), h.ref()));
  }

  static void disableHa(Ctx ctx) {
    ctx.site().journaledVoid(ctx, "pool.disable_ha", List.of(), () -> {
      Db db = ctx.db();
      if (!db.pool.haEnabled()) {
        throw new XapiException(XapiErrors.HA_NOT_ENABLED);
      }
      for (HostLiveness l : ctx.pool().liveness.values()) {
        // back to heartbeats, starting from the liveset's verdict; a fenced host stays dead until it says hello
        l.flag = l.haLive;
        l.flagAt = ctx.now();
        l.holdDead = !l.haLive;
        l.lastHb = l.haLive ? ctx.now() : l.lastHb;
      }
      db.pool = Rows.ha(db.pool, false);
      ctx.pool().haStatefileSrRef = null;
      log.info("HA disabled");
    });
  }

  static void syncDatabase(Ctx ctx) {
    ctx.site().journaledVoid(ctx, "pool.sync_database", List.of(), () -> {
      List<Machine> to = ctx.site().pushReplicas(ctx.pool(), ctx.now());
      log.info("database synchronised to {} member(s)", to.size());
    });
  }
}
