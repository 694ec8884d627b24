package io.poolrescue.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.Procedure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "pool-restore",
    aliases = "PoolRestore",
    mixinStandardHelpOptions = true,
    description = "Every host of the pool is lost: restore the pool database onto fresh hosts, repair storage, join the others.")
class StartPoolRestore extends StartRun {
  @Option(names = "--backup", paramLabel = "ID", description = "Pool database backup id in the worker's backup store")
  String backup;

  @Option(names = "--target-master", paramLabel = "ADDRESS", description = "Fresh host that becomes master")
  String targetMaster;

  @Option(names = "--other-hosts", split = ",", paramLabel = "ADDRESS", description = "Fresh hosts to join afterwards")
  List<String> others;

  @Option(
      names = "--device-config",
      paramLabel = "SR_UUID:KEY=VALUE",
      description = "Device config for an SR the new hosts see differently (repeatable)")
  List<String> deviceConfigs;

  @Option(names = "--max-parallel", paramLabel = "N", description = "VM resets in flight at once (default 8); "
      + "also caps the VM starts in flight (default: each host's start slots)")
  Integer maxParallel;

  @Override
  Procedure procedure() {
    return Procedure.POOL_RESTORE;
  }

  @Override
  void putFlags(ObjectNode r) {
    if (backup != null) r.put("backupId", backup);
    if (targetMaster != null) r.put("targetMasterAddress", targetMaster);
    if (others != null) {
      ArrayNode a = r.putArray("otherHostAddresses");
      others.forEach(a::add);
    }
    if (deviceConfigs != null) {
      ObjectNode all = r.has("deviceConfigs") ? (ObjectNode) r.get("deviceConfigs") : r.putObject("deviceConfigs");
      for (String dc : deviceConfigs) {
        int colon = dc.indexOf(':');
        int eq = dc.indexOf('=', colon + 1);
        if (colon <= 0 || eq <= colon + 1) {
          throw CliFailure.badInput("--device-config wants SR_UUID:KEY=VALUE, got '" + dc + "'");
        }
        String sr = dc.substring(0, colon);
        ObjectNode one = all.has(sr) ? (ObjectNode) all.get(sr) : all.putObject(sr);
        one.put(dc.substring(colon + 1, eq), dc.substring(eq + 1));
      }
    }
    if (maxParallel != null) r.put("maxParallel", maxParallel);
  }

  @Override
  Map<String, String> required() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("backupId", "--backup");
    m.put("targetMasterAddress", "--target-master");
    return m;
  }
}
