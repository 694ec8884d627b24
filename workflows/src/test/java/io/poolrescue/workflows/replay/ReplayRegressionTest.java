package io.poolrescue.workflows.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.RecoveryRun;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.testing.ReplayResults;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The replay regression suite: every recorded run replays against today's workflow code. A change
 * that would make a past recovery take another path fails here; such changes go behind
 * {@code Workflow.getVersion} so that old histories keep replaying.
 */
class ReplayRegressionTest {

  static final Path DIR = HistoryFiles.sourceDirectory();

  @Test
  void everyRecordedHistoryReplaysWithTodaysCode() throws Exception {
    List<Path> files = HistoryFiles.histories(DIR);
    List<WorkflowExecutionHistory> histories = files.stream().map(HistoryFiles::read).toList();
    assertFalse(histories.isEmpty(), "no recorded histories in " + DIR);

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay-regression");
      worker.registerWorkflowImplementationTypes(PoolRescueRegistrations.workflowTypes().toArray(Class<?>[]::new));
      ReplayResults results = WorkflowReplayer.replayWorkflowExecutions(histories, false, worker);

      String failures = results.allErrors().stream()
          .map(e -> e.workflowId + ": " + firstLine(e.exception))
          .collect(Collectors.joining("\n"));
      assertFalse(results.hadAnyError(), files.size() + " histories, these no longer replay:\n" + failures);
    }
  }

  @Test
  void everyProcedureTodaysWorkerRunsHasRecordedHistories() {
    Set<String> recorded = new TreeSet<>();
    for (Path f : HistoryFiles.histories(DIR)) {
      recorded.add(HistoryFiles.read(f).getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
          .getWorkflowType().getName());
    }
    Set<String> procedures = new TreeSet<>();
    for (Class<?> impl : PoolRescueRegistrations.workflowTypes()) {
      if (RecoveryRun.class.isAssignableFrom(impl)) {
        POJOWorkflowImplMetadata.newInstance(impl).getWorkflowMethods().forEach(m -> procedures.add(m.getName()));
      }
    }
    Set<String> missing = new TreeSet<>(procedures);
    missing.removeAll(recorded);
    assertEquals(Set.of(), missing, "procedures without a recorded history (run RecordHistories); recorded: "
        + recorded);
  }

  @Test
  void everyTopLevelRunHasItsJournal() {
    for (Path f : HistoryFiles.histories(DIR)) {
      WorkflowExecutionHistory h = HistoryFiles.read(f);
      boolean child = h.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().hasParentWorkflowExecution();
      assertEquals(!child, HistoryFiles.journalOf(f).toFile().isFile(), f + ": journal beside every top-level run");
    }
  }

  @Test
  void recordedRunsAreCleanRecordings() {
    // a failed workflow task (e.g. a stalled thread on a busy machine) would make a fixture replay a retry
    for (Path f : HistoryFiles.histories(DIR)) {
      assertTrue(HistoryFiles.read(f).getEvents().stream()
          .noneMatch(e -> e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
          f + " has a failed workflow task: record it again");
    }
  }

  /** The replayer's reason (after "error=" in its query failure), without the SDK's stack trace. */
  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage());
    int error = m.indexOf("error=");
    m = error < 0 ? m : m.substring(error + "error=".length());
    int stack = m.indexOf("\n\tat ");
    return (stack < 0 ? m : m.substring(0, stack)).replaceAll("\\s+", " ");
  }
}
