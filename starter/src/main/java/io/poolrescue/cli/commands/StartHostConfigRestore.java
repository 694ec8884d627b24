package io.poolrescue.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.DurationText;
import io.poolrescue.cli.Procedure;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "host-config-restore",
    aliases = "HostConfigRestore",
    mixinStandardHelpOptions = true,
    description = "A host runs but its configuration is broken: upload its backup; the operator reboots it into Restore from backup.")
class StartHostConfigRestore extends StartRun {
  @Option(names = "--pool", paramLabel = "ADDRESS", description = "The pool master's address")
  String pool;

  @Option(names = "--host", paramLabel = "UUID", description = "The broken host's uuid")
  String host;

  @Option(names = "--backup", paramLabel = "ID", description = "Host backup id (default: that host's newest)")
  String backup;

  @Option(names = "--wait-for-host", paramLabel = "DURATION", description = "How long to wait for the host after the reboot")
  String waitForHost;

  @Override
  Procedure procedure() {
    return Procedure.HOST_CONFIG_RESTORE;
  }

  @Override
  void putFlags(ObjectNode r) {
    if (pool != null) r.put("poolAddress", pool);
    if (host != null) r.put("hostUuid", host);
    if (backup != null) r.put("backupId", backup);
    if (waitForHost != null) r.put("waitForHost", DurationText.parse(waitForHost).toString());
  }

  @Override
  Map<String, String> required() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("poolAddress", "--pool");
    m.put("hostUuid", "--host");
    return m;
  }
}
