package io.poolrescue.audit;

import io.poolrescue.audit.render.TextReport;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Replay speed: histories per second for the recorded suite, replayed bare (what the regression
 * suite does) and audited (replay with status capture, event reading, report assembly and text
 * rendering: what {@code poolrescue audit} does per history).
 *
 * <pre>
 * mvn -B -q -pl starter -am package -DskipTests
 * java -cp starter/target/test-classes:starter/target/classes:$(cat starter/target/runtime-classpath.txt) \
 *     io.poolrescue.audit.ReplayBenchmark [seconds-per-measure [directory of histories]]
 * </pre>
 *
 * The directory defaults to the recorded suite; {@code workflows/target/large-histories} (written by
 * the workflows module's ReplayBenchmark) measures the audit of a large PoolRestore.
 */
public final class ReplayBenchmark {

  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    Path dir = Path.of(args.length > 1 ? args[1] : "workflows/src/test/resources/histories");
    List<WorkflowExecutionHistory> histories = RecordedHistoriesIn.dir(dir);
    int events = histories.stream().mapToInt(h -> h.getEvents().size()).sum();
    System.out.printf("recorded suite: %d histories, %d events (%s)%n", histories.size(), events, dir);

    // A bare worker (no interceptor) as the regression suite uses, and the audit engine; measured in
    // alternation so that neither profits alone from the other's warm-up
    try (io.temporal.testing.TestWorkflowEnvironment env = io.temporal.testing.TestWorkflowEnvironment.newInstance();
        AuditEngine engine = new AuditEngine(CurrentWorkflows.all(), Optional.empty())) {
      io.temporal.worker.Worker bare = env.newWorker("bench");
      bare.registerWorkflowImplementationTypes(CurrentWorkflows.all().toArray(Class<?>[]::new));
      for (int round = 1; round <= 2; round++) {
        measure("round " + round + ": bare replay (WorkflowReplayer)", histories, seconds,
            h -> WorkflowReplayer.replayWorkflowExecution(h, bare));
        measure("round " + round + ": audit (replay+status+report+text)", histories, seconds, h -> {
          AuditReport r = engine.audit(h, "bench");
          if (!r.verdict().clean() || TextReport.render(r).isEmpty()) {
            throw new IllegalStateException("benchmark history does not replay: " + r.verdict());
          }
        });
      }
    }
  }

  interface Work {
    void run(WorkflowExecutionHistory h) throws Exception;
  }

  static void measure(String what, List<WorkflowExecutionHistory> histories, double seconds, Work work)
      throws Exception {
    // warm up the JIT on this very work for as long as the measure itself
    long warmUntil = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < warmUntil) {
      for (WorkflowExecutionHistory h : histories) {
        work.run(h);
      }
    }
    long events = 0;
    int replayed = 0;
    long start = System.nanoTime();
    long limit = (long) (seconds * 1e9);
    while (System.nanoTime() - start < limit) {
      for (WorkflowExecutionHistory h : histories) {
        work.run(h);
        replayed++;
        events += h.getEvents().size();
      }
    }
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf("%-48s %8.1f histories/s  %10.0f events/s  (%d in %.1f s)%n", what, replayed / s, events / s,
        replayed, s);
  }
}
