package io.poolrescue.workflows.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay compares commands, not what they carry: a failure text that changed would still replay.
 * So the failure-path scenarios run again with today's code, and each run's commands and final
 * result must be the recorded ones (uuids, references and instants aside, which every run draws anew).
 */
class FailurePathResultsTest {
  /**
   * What behaviour version 3 added around a run's work, after these recordings: the worker's policy,
   * the request's scope, the start's verdict (a side effect marker), the pool lock, and a restore's
   * hold on its backup; and version 4's look at the hosts' readiness before VMs are started.
   */
  static final Set<String> AUTHORITY_COMMANDS = Set.of("activity PolicyForRun", "activity ScopeCheck",
      "marker SideEffect", "activity LockRequestLock", "activity LockHolderRunning", "activity HoldBackup",
      "activity ReleaseBackup", "activity InspectReadiness");

  @TempDir Path dir;

  @Test
  void failurePathsEndAsRecorded() throws Exception {
    for (Scenario s : FailurePathScenarios.all()) {
      RecordHistories.record(s, dir);
      for (Path recorded : HistoryFiles.histories(HistoryFiles.sourceDirectory())) {
        String id = HistoryFiles.workflowIdOf(recorded);
        if (id.equals(s.name()) || id.startsWith(s.name() + "/")) {
          WorkflowExecutionHistory now = HistoryFiles.read(dir.resolve(HistoryFiles.fileName(id)));
          WorkflowExecutionHistory then = HistoryFiles.read(recorded);
          assertEquals(commands(then), commands(now), id + ": the commands");
          assertEquals(result(then), result(now), id + ": the result");
        }
      }
    }
  }

  /** The kind of each command, with the activity type for activities. */
  private static List<String> commands(WorkflowExecutionHistory h) {
    List<String> kinds = new ArrayList<>();
    for (HistoryEvent e : h.getEvents()) {
      switch (e.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          kinds.add("activity " + e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        }
        case EVENT_TYPE_TIMER_STARTED -> kinds.add("timer");
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> kinds.add("child");
        case EVENT_TYPE_MARKER_RECORDED -> kinds.add("marker " + e.getMarkerRecordedEventAttributes().getMarkerName());
        default -> {
          // not a command
        }
      }
    }
    kinds.removeAll(AUTHORITY_COMMANDS);
    return kinds;
  }

  private static String result(WorkflowExecutionHistory h) {
    HistoryEvent last = h.getLastEvent();
    assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, last.getEventType(), "a completed run");
    String json = last.getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0).getData()
        .toString(StandardCharsets.UTF_8);
    return json.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
        .replaceAll("OpaqueRef:[0-9a-f-]+", "<ref>")
        .replaceAll("\\d{8}T\\d{9}Z|\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z", "<instant>");
  }
}
