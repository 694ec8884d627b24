package io.poolrescue.launcher.bench;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server recorded of a finished run and its children: when the last decision was accepted,
 * when the top-level run closed, the largest history and how many decisions people made. Read from
 * the histories, so it is the server's clock throughout.
 *
 * @param decisions accepted {@code decide} updates in every run of the tree (refused ones leave no event)
 */
record RunTree(Instant lastDecision, Instant closed, int largestHistory, int decisions) {

  static RunTree read(WorkflowClient client, String workflowId) {
    List<String> todo = new ArrayList<>(List.of(workflowId));
    Instant last = null;
    Instant closed = null;
    int largest = 0;
    int decisions = 0;
    while (!todo.isEmpty()) {
      String id = todo.remove(0);
      WorkflowExecutionHistory h = client.fetchHistory(id);
      largest = Math.max(largest, h.getEvents().size());
      for (HistoryEvent e : h.getEvents()) {
        EventType type = e.getEventType();
        if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
          decisions++;
          Instant at = instant(e.getEventTime());
          last = last == null || at.isAfter(last) ? at : last;
        } else if (type == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
          todo.add(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
        } else if (id.equals(workflowId) && (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
            || type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)) {
          closed = instant(e.getEventTime());
        }
      }
    }
    if (last == null || closed == null) {
      throw new IllegalStateException("run " + workflowId + " has no accepted decision or did not close (decisions "
          + decisions + ", closed " + closed + ")");
    }
    return new RunTree(last, closed, largest, decisions);
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
