package io.poolrescue.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.Procedure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "vm-metadata-import",
    aliases = "VmMetadataImport",
    mixinStandardHelpOptions = true,
    description = "Recreate VMs from metadata exports (dry run, import, force only behind a gate) and start them.")
class StartVmMetadataImport extends StartRun {
  @Option(names = "--pool", paramLabel = "ADDRESS", description = "The pool master's address")
  String pool;

  @Option(names = "--backups", split = ",", paramLabel = "ID", description = "VM metadata export ids in the backup store")
  List<String> backups;

  @Option(names = "--start-vms", description = "Start the imported VMs at the end")
  Boolean startVms;

  @Override
  Procedure procedure() {
    return Procedure.VM_METADATA_IMPORT;
  }

  @Override
  void putFlags(ObjectNode r) {
    if (pool != null) r.put("poolAddress", pool);
    if (backups != null) {
      ArrayNode a = r.putArray("backupIds");
      backups.forEach(a::add);
    }
    if (startVms != null) r.put("startVms", startVms);
  }

  @Override
  Map<String, String> required() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("poolAddress", "--pool");
    m.put("backupIds", "--backups");
    return m;
  }
}
