package io.poolrescue.workflows.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.PoolRestore;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scale requirement: the large preset restored by PoolRestore keeps every history under 10,240 events. */
class PoolRestoreLargeTest {
  static final int HISTORY_WARNING = 10_240;
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void theLargePresetIsRestoredWithEveryHistoryUnderTheWarningLimit() {
    t = RecoveryTestEnv.presetInProcess("large"); // 4,096 VMs: snapshots over JSON-RPC would dominate
    PoolSnapshot before = t.snapshot();
    Set<String> wereRunning = before.vms().stream().filter(v -> !v.controlDomain())
        .filter(v -> v.powerState() == PowerState.RUNNING).map(Vm::uuid).collect(Collectors.toSet());
    BackupRecord backup = RestoreFixtures.backupPool(t);
    List<String> fresh = RestoreFixtures.freshHosts(t, 64, 262144, List.of("eth0", "eth1"), "eth0");
    t.sim.loseAllHosts();

    long started = System.nanoTime();
    PoolRestore run = t.newRun(PoolRestore.class, "restore-large");
    WorkflowClient.start(run::run, new PoolRestoreRequest(backup.id(), fresh.get(0), fresh.subList(1, 64), Map.of(),
        RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 8));
    RunDriver driver = t.driver("restore-large");
    List<String> gates = driver.approveEverything();
    RunResult result = driver.result();
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(List.of("restore-database", "confirm-restored-pool"), gates,
        "the restored master plugs its PBDs itself: no storage repair");
    PoolSnapshot s = t.snapshot();
    assertEquals(64, s.hosts().size());
    Map<String, String> domains = t.sim.runningDomains();
    long running = wereRunning.stream().filter(domains::containsKey).count();
    assertEquals(wereRunning.size() - result.notRestartable().size(), running,
        "every VM that ran is running again, except those reported not restartable");
    assertTrue(result.notRestartable().stream().allMatch(n -> n.contains("VM_REQUIRES_SR")));
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());

    Map<String, Integer> sizes = HistorySizes.of(t.client, "restore-large");
    int largest = HistorySizes.largest(sizes);
    System.out.printf("PoolRestore large: %d VMs started, %d not restartable, %d histories (parent + %d children), "
            + "largest %d events, parent %d events, %d s wall clock; events per history: %s%n", running,
        result.notRestartable().size(), sizes.size(), sizes.size() - 1, largest, sizes.get("restore-large"), seconds,
        sizes);
    assertTrue(sizes.size() > 1, "thousands of VMs fan out into child workflows");
    assertTrue(largest < HISTORY_WARNING, "largest history " + largest + " events: " + sizes);
  }
}
