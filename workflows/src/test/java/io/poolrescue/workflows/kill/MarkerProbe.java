package io.poolrescue.workflows.kill;

import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Test-only: an activity whose attempts beat, wait under side beats, and read what the previous attempt left. */
@ActivityInterface
public interface MarkerProbe {
  /** Returns what the last attempt read as the previous attempt's details. */
  long step();

  @WorkflowInterface
  interface Run {
    @WorkflowMethod
    long run();
  }
}
