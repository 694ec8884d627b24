package io.poolrescue.workflows.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.poolrescue.workflows.PoolRescueRegistrations;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;

/** Replays a recorded history against today's workflow classes, as the audit does. */
public final class Replay {
  private Replay() {}

  public static void assertReplays(WorkflowExecutionHistory history) {
    List<Class<?>> types = PoolRescueRegistrations.WORKFLOW_TYPES;
    assertDoesNotThrow(() -> WorkflowReplayer.replayWorkflowExecution(history, types.get(0),
        types.subList(1, types.size()).toArray(new Class<?>[0])), "replay of " + history.getWorkflowExecution());
  }
}
