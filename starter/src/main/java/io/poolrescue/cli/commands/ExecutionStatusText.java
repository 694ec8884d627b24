package io.poolrescue.cli.commands;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;

/** {@code WORKFLOW_EXECUTION_STATUS_RUNNING} -> {@code RUNNING}. */
final class ExecutionStatusText {
  private ExecutionStatusText() {}

  static String of(WorkflowExecutionStatus s) {
    return s.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }
}
