package io.poolrescue.cli;

import io.poolrescue.workflows.api.RunResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;

/** A followed run's end as an exit code: 0 only when the pool is fine (recovered or nothing to do). */
public final class RunOutcomes {
  private RunOutcomes() {}

  public static int exitCode(RunFollower.Outcome outcome) {
    if (outcome.execution() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        || outcome.status() == null || outcome.status().result() == null) {
      return ExitCode.FAILED;
    }
    RunResult.Outcome o = outcome.status().result().outcome();
    return o == RunResult.Outcome.RECOVERED || o == RunResult.Outcome.NOTHING_TO_DO ? ExitCode.OK : ExitCode.FAILED;
  }
}
