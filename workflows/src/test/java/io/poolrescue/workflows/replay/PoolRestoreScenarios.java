package io.poolrescue.workflows.replay;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Recorded runs of {@code PoolRestore}: every host of the pool lost, rebuilt from a database backup. */
final class PoolRestoreScenarios {
  private PoolRestoreScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("restore-small-approved", PoolSource.preset("small"),
            "the whole pool lost: its database restored onto three fresh hosts, storage repaired, VMs restarted", Outcome.RECOVERED, r -> {
              start(r, 3, 65536);
              r.control().approveEverything();
              r.control().result();
            }),
        new Scenario("restore-small-rejected", PoolSource.preset("small"),
            "the database restore is rejected after the dry run: nothing is written to the fresh host", Outcome.REJECTED, r -> {
              start(r, 3, 65536);
              RunControl c = r.control();
              c.awaitGate("restore-database");
              c.sleep(Duration.ofMinutes(5));
              c.decide("restore-database", "bob", Decision.REJECT, "wrong backup: take last night's");
              c.result();
            }));
  }

  /** The large preset: 64 hosts and 4,096 VMs; its children restart the VMs. Too big to keep; the benchmark makes it. */
  static Scenario large() {
    return new Scenario("restore-large", PoolSource.preset("large"),
        "the large preset lost and restored onto 64 fresh hosts", Outcome.RECOVERED, r -> {
          start(r, 64, 262144);
          r.control().approveEverything();
          r.control().result();
        });
  }

  /** Backs the pool up, installs fresh hosts, loses every pool host, and starts the restore; the fresh hosts' uuids. */
  static List<String> start(Scenario.Recording r, int freshHosts, long memoryMiB) {
    RecordingEnv t = r.env();
    String pool = t.sim.snapshot().pool().uuid();
    BackupRecord backup = t.store.put(new BackupArtefact(BackupArtefact.Kind.POOL_DATABASE, pool,
        Instant.ofEpochMilli(t.env.currentTimeMillis()), t.sim.dumpDatabase()));
    List<String> fresh = new ArrayList<>();
    List<String> uuids = new ArrayList<>();
    for (int i = 1; i <= freshHosts; i++) {
      String address = "127.0.30." + i;
      uuids.add(t.sim.addFreshHost(new FreshHostSpec("fresh-" + i, address, memoryMiB * 1024L * 1024L, List.of("eth0", "eth1"),
          "eth0")));
      fresh.add(address);
    }
    t.serveNewHosts();
    t.sim.loseAllHosts();
    PoolRestore run = t.newRun(PoolRestore.class, r.workflowId());
    WorkflowClient.start(run::run, new PoolRestoreRequest(backup.id(), fresh.get(0), fresh.subList(1, fresh.size()),
        Map.of(), RecordingEnv.STARTER, ApprovalPolicy.defaults(), 8));
    return uuids;
  }
}
