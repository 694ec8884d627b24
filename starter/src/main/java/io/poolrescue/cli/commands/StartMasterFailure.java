package io.poolrescue.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.DurationText;
import io.poolrescue.cli.Procedure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "master-failure",
    aliases = "MasterFailureRecovery",
    mixinStandardHelpOptions = true,
    description = "The pool master is gone: wait for it (or HA), promote a member, recover the members, forget the old master.")
class StartMasterFailure extends StartRun {
  @Option(names = "--old-master", paramLabel = "ADDRESS", description = "Address of the master that stopped answering")
  String oldMaster;

  @Option(names = "--members", split = ",", paramLabel = "ADDRESS", description = "The members' addresses (a dead master cannot list them)")
  List<String> members;

  @Option(names = "--new-master", paramLabel = "ADDRESS", description = "Member to promote (default: the run chooses)")
  String newMaster;

  @Option(names = "--wait-for-old-master", paramLabel = "DURATION", description = "Wait this long for the old master first, e.g. 5m")
  String waitForOldMaster;

  @Option(names = "--default-sr", paramLabel = "UUID", description = "Shared SR to make default if the pool's is not valid")
  String defaultSr;

  @Option(names = "--max-parallel", paramLabel = "N", description = "VM resets in flight at once (default 8); "
      + "also caps the VM starts in flight (default: each host's start slots)")
  Integer maxParallel;

  @Override
  Procedure procedure() {
    return Procedure.MASTER_FAILURE;
  }

  @Override
  void putFlags(ObjectNode r) {
    if (oldMaster != null) r.put("oldMasterAddress", oldMaster);
    if (members != null) {
      ArrayNode a = r.putArray("memberAddresses");
      members.forEach(a::add);
    }
    if (newMaster != null) r.put("newMasterAddress", newMaster);
    if (waitForOldMaster != null) r.put("waitForOldMaster", DurationText.parse(waitForOldMaster).toString());
    if (defaultSr != null) r.put("defaultSrUuid", defaultSr);
    if (maxParallel != null) r.put("maxParallel", maxParallel);
  }

  @Override
  Map<String, String> required() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("oldMasterAddress", "--old-master");
    m.put("memberAddresses", "--members");
    return m;
  }
}
