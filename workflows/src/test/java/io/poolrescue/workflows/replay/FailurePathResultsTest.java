package io.poolrescue.workflows.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay compares commands, not what they carry: a failure text that changed would still replay.
 * So the failure-path scenarios run again with today's code, and each run's commands and final
 * result must be the recorded ones (uuids, references and instants aside, which every run draws anew).
 */
class FailurePathResultsTest {
  @TempDir Path dir;

  @Test
  void failurePathsEndAsRecorded() throws Exception {
    for (Scenario s : FailurePathScenarios.today()) {
      RecordHistories.record(s, dir);
      int compared = 0;
      for (Path recorded : HistoryFiles.histories(HistoryFiles.sourceDirectory())) {
        String id = HistoryFiles.workflowIdOf(recorded);
        if (id.equals(s.name()) || id.startsWith(s.name() + "/")) {
          compared++;
          WorkflowExecutionHistory now = HistoryFiles.read(dir.resolve(HistoryFiles.fileName(id)));
          WorkflowExecutionHistory then = HistoryFiles.read(recorded);
          assertEquals(commands(then), commands(now), id + ": the commands");
          assertEquals(result(then), result(now), id + ": the result");
        }
      }
      assertTrue(compared > 0, s.name() + " has no recording to compare with");
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
    return pollingRoundsOnce(kinds);
  }

  /**
   * A wait's polling rounds (a look, then a timer) counted once: how many rounds a wait takes follows
   * the simulated pool's timings (agent restarts, reboots), not the code's path.
   */
  static List<String> pollingRoundsOnce(List<String> kinds) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      int n = out.size();
      boolean repeatsRound = i + 1 < kinds.size() && kinds.get(i + 1).equals("timer") && n >= 2
          && out.get(n - 1).equals("timer") && out.get(n - 2).equals(kinds.get(i));
      if (repeatsRound) {
        i++;
      } else {
        out.add(kinds.get(i));
      }
    }
    return out;
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
