package io.poolrescue.activities.approval;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;

/**
 * The run a pool-changing call comes from, as the approval check compares it with the approval's.
 * In a worker it is what Temporal says of the activity; Temporal's activity test environment draws
 * a new run id for every call, so the activities' own tests name a fixed one instead.
 */
@FunctionalInterface
public interface CallingRun {
  /** The activity's own run. */
  CallingRun TEMPORAL = () -> {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return new Call(info.getWorkflowId(), info.getRunId(), info.getWorkflowType());
  };

  Call now();

  record Call(String workflowId, String runId, String workflowType) {}
}
