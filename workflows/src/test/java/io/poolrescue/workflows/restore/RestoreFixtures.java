package io.poolrescue.workflows.restore;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.OperationJournal;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Setting up pool-loss scenarios: backups in the worker's store, fresh installs, the restore's dangerous calls. */
final class RestoreFixtures {
  static final long MIB = 1024L * 1024L;

  /** The calls restores add to the ones every procedure's gates guard (dry runs excluded). */
  static final Set<String> RESTORE_CALLS =
      Set.of("PUT /pool/xmldbdump", "pool.join", "PUT /host_restore", "PUT /import_metadata");

  private RestoreFixtures() {}

  /** A pool database dump taken now, stored in the worker's (encrypted) backup store. */
  static BackupRecord backupPool(RecoveryTestEnv t) {
    String pool = t.snapshot().pool().uuid();
    return t.store.put(new BackupArtefact(Kind.POOL_DATABASE, pool, now(t), t.sim.dumpDatabase()));
  }

  static Instant now(RecoveryTestEnv t) {
    return Instant.ofEpochMilli(t.env.currentTimeMillis());
  }

  /** Fresh installs at 127.0.30.1.. with the NICs the presets use; returns their addresses. */
  static List<String> freshHosts(RecoveryTestEnv t, int n, long memoryMiB, List<String> nics, String mgmt) {
    List<String> addresses = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String address = "127.0.30." + i;
      t.addFreshHost(new FreshHostSpec("fresh-" + i, address, memoryMiB * MIB, nics, mgmt));
      addresses.add(address);
    }
    return addresses;
  }

  static List<String> freshHosts(RecoveryTestEnv t, int n) {
    return freshHosts(t, n, 65536, List.of("eth0", "eth1"), "eth0");
  }

  /** Successful dangerous calls after {@code fromSeq}: the gated ones of every procedure plus the restore calls. */
  static List<JournalEntry> dangerous(OperationJournal j, long fromSeq) {
    return j.entries().stream()
        .filter(e -> e.seq() > fromSeq && "ok".equals(e.outcome()))
        .filter(e -> Journal.DANGEROUS.contains(e.call())
            || RESTORE_CALLS.contains(e.call()) && !e.args().contains("dry_run=true"))
        .toList();
  }
}
