package io.poolrescue.workflows.replay;

import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Replay speed with today's workflow classes on one reused worker, as the regression suite replays:
 * histories per second for the recorded suite, and for a PoolRestore of the {@code large} preset
 * (64 hosts, 4,096 VMs: a parent run and its VM batch children), which is too big to keep as a test
 * resource and is recorded here first (in-process, into {@code workflows/target/large-histories},
 * reused on the next run).
 *
 * <pre>
 * mvn -B -q -pl workflows -am process-test-classes -Preplay-tools -Dtool=ReplayBenchmark [-Dscenarios=SECONDS]
 * </pre>
 */
public final class ReplayBenchmark {

  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    QuietLogs.warningsOnly();
    double seconds = args.length > 0 && !args[0].isBlank() ? Double.parseDouble(args[0]) : 10;
    Path suite = HistoryFiles.sourceDirectory();
    Path large = suite.resolve("../../../../target/large-histories").normalize();
    if (!Files.isDirectory(large) || HistoryFiles.histories(large).isEmpty()) {
      Files.createDirectories(large);
      long t0 = System.nanoTime();
      Scenario s = PoolRestoreScenarios.large();
      try (RecordingEnv env = new RecordingEnv(s.pool(), false)) {
        RecordHistories.recordIn(env, s, large);
      }
      System.out.printf("recorded %s in %.0f s into %s%n", s.name(), (System.nanoTime() - t0) / 1e9, large);
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay-benchmark");
      worker.registerWorkflowImplementationTypes(PoolRescueRegistrations.workflowTypes().toArray(Class<?>[]::new));
      measure("recorded suite", load(suite), worker, seconds);
      measure("PoolRestore large (parent + children)", load(large), worker, seconds);
      measure("PoolRestore large, parent run only", List.of(HistoryFiles.read(large.resolve("restore-large.json"))),
          worker, seconds);
    }
  }

  private static List<WorkflowExecutionHistory> load(Path dir) {
    return HistoryFiles.histories(dir).stream().map(HistoryFiles::read).toList();
  }

  private static void measure(String what, List<WorkflowExecutionHistory> histories, Worker worker, double seconds)
      throws Exception {
    int events = histories.stream().mapToInt(h -> h.getEvents().size()).sum();
    int largest = histories.stream().mapToInt(h -> h.getEvents().size()).max().orElse(0);
    long warmUntil = System.nanoTime() + (long) (seconds * 1e9 / 2);
    while (System.nanoTime() < warmUntil) {
      replayAll(histories, worker);
    }
    int rounds = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < seconds * 1e9) {
      replayAll(histories, worker);
      rounds++;
    }
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf("%-40s %3d histories, %6d events (largest %5d): %7.1f histories/s, %8.0f events/s"
        + " (%d rounds in %.1f s)%n", what, histories.size(), events, largest, rounds * histories.size() / s,
        rounds * (double) events / s, rounds, s);
  }

  private static void replayAll(List<WorkflowExecutionHistory> histories, Worker worker) throws Exception {
    for (WorkflowExecutionHistory h : histories) {
      WorkflowReplayer.replayWorkflowExecution(h, worker);
    }
  }
}
