package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.xapi.XapiRefs;
import java.util.ArrayList;
import java.util.List;

/** The {@code pool.*} operations the procedures use, run by the simulator at the receiving host. */
final class PoolMethods {
  private PoolMethods() {}

  static List<ApiMethod> all() {
    return List.of(
        ApiMethod.pool("pool.set_default_SR", List.of(Param.ref("self", "pool"), Param.refOrNull("value", "SR")),
            c -> {
              String sr = XapiRefs.isNull(c.str(1)) ? null : c.uuid(1, "SR");
              c.pool().setDefaultSr(sr);
              return "";
            }),
        ApiMethod.pool("pool.enable_ha", List.of(Param.refSet("heartbeat_srs", "SR"), Param.map("configuration")),
            c -> {
              List<String> srs = new ArrayList<>();
              c.list(0).forEach(ref -> srs.add(c.view().uuidOf("SR", ref)));
              c.pool().enableHa(srs, c.map(1));
              return "";
            }),
        ApiMethod.pool("pool.disable_ha", List.of(), c -> {
          c.pool().disableHa();
          return "";
        }),
        ApiMethod.pool("pool.sync_database", List.of(), c -> {
          c.pool().syncDatabase();
          return "";
        }),
        ApiMethod.emergency("pool.emergency_transition_to_master", List.of(), c -> {
          c.pool().emergencyTransitionToMaster();
          return "";
        }),
        ApiMethod.pool("pool.recover_slaves", List.of(), c -> {
          List<String> uuids = c.pool().recoverSlaves();
          ObjectView after = c.freshView();
          List<String> refs = new ArrayList<>();
          uuids.forEach(u -> refs.add(XapiRefs.wire(after.refByUuid("host", u))));
          return refs;
        }),
        // Host-local: called on the joining host, which may answer only a local session.
        ApiMethod.local("pool.join", List.of(Param.string("master_address"), Param.string("master_username"),
            Param.string("master_password")), PoolMethods::join));
  }

  /** The joiner logs in to the master with the given credentials before anything else (PoolJoin). */
  private static Object join(Call c) {
    c.server().site().poolJoin(c.address(), c.str(0), c.str(1), c.str(2));
    return "";
  }
}
