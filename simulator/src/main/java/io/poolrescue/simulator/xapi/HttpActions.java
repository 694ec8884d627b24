package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.xapi.TaskResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP handlers the procedures use: pool database dump and restore, host backup and restore,
 * VM metadata export and import. The import's task result is XAPI's XML-RPC array of the created VM
 * refs; a dry run creates nothing, so it lists the uuids the import would create instead.
 */
final class HttpActions {
  private HttpActions() {}

  private static final byte[] NONE = new byte[0];

  static List<HttpAction> all() {
    return List.of(
        new HttpAction("GET", "/pool/xmldbdump", false, true,
            r -> new HttpAction.Result(r.pool().dumpDatabase(), "")),
        new HttpAction("PUT", "/pool/xmldbdump", true, true, r -> {
          r.pool().restoreDatabase(r.body(), r.flag("dry_run"));
          return new HttpAction.Result(NONE, "");
        }),
        new HttpAction("GET", "/host_backup", true, true,
            r -> new HttpAction.Result(r.pool().hostBackup(r.hostUuid()), "")),
        new HttpAction("PUT", "/host_restore", true, false, r -> {
          r.pool().hostRestore(r.body());
          return new HttpAction.Result(NONE, "");
        }),
        new HttpAction("GET", "/export_metadata", false, true, HttpActions::export),
        new HttpAction("PUT", "/import_metadata", false, true, HttpActions::importMetadata));
  }

  private static HttpAction.Result export(HttpAction.Request r) {
    String uuid = r.query().get("uuid");
    String ref = r.query().get("ref");
    if (uuid == null && ref != null) {
      uuid = r.site().view(r.address()).uuidOf("VM", ref);
      if (uuid == null) {
        throw new XapiException(XapiErrors.HANDLE_INVALID, List.of("VM", ref));
      }
    }
    if (uuid == null) {
      throw new XapiException(XapiErrors.INTERNAL_ERROR, List.of("export_metadata needs uuid= or ref="));
    }
    return new HttpAction.Result(r.pool().exportVmMetadata(uuid), "");
  }

  private static HttpAction.Result importMetadata(HttpAction.Request r) {
    boolean dryRun = r.flag("dry_run");
    List<String> uuids = r.pool().importVmMetadata(r.body(), r.flag("force"), dryRun);
    if (dryRun) {
      return new HttpAction.Result(NONE, TaskResult.array(uuids));
    }
    ObjectView after = r.site().view(r.address());
    List<String> refs = new ArrayList<>();
    for (String uuid : uuids) {
      String ref = after.refByUuid("VM", uuid);
      refs.add(ref == null ? uuid : ref);
    }
    return new HttpAction.Result(NONE, TaskResult.array(refs));
  }
}
