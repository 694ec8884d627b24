package io.poolrescue.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.DurationText;
import io.poolrescue.cli.Procedure;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "pool-backup",
    aliases = "PoolBackup",
    mixinStandardHelpOptions = true,
    description = "Back the pool up periodically: pool database (encrypted), host backups, VM metadata, with retention.")
class StartPoolBackup extends StartRun {
  @Option(names = "--pool", paramLabel = "ADDRESS", description = "The pool master's address")
  String pool;

  @Option(names = "--interval", paramLabel = "DURATION", description = "Time between rounds, e.g. 24h")
  String interval;

  @Option(names = "--retain", paramLabel = "N", description = "Backups of each kind to keep")
  Integer retain;

  @Option(names = "--host-backups", description = "Also take host backups")
  Boolean hostBackups;

  @Option(names = "--vm-metadata", description = "Also export VM metadata")
  Boolean vmMetadata;

  @Option(names = "--rounds", paramLabel = "N", description = "Rounds before completing; 0 runs until cancelled")
  Integer rounds;

  @Override
  Procedure procedure() {
    return Procedure.POOL_BACKUP;
  }

  @Override
  void putFlags(ObjectNode r) {
    if (pool != null) r.put("poolAddress", pool);
    if (interval != null) r.put("interval", DurationText.parse(interval).toString());
    if (retain != null) r.put("retain", retain);
    if (hostBackups != null) r.put("hostBackups", hostBackups);
    if (vmMetadata != null) r.put("vmMetadata", vmMetadata);
    if (rounds != null) r.put("rounds", rounds);
  }

  @Override
  Map<String, String> required() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("poolAddress", "--pool");
    return m;
  }
}
