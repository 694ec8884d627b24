package io.poolrescue.audit;

import io.temporal.common.WorkflowExecutionHistory;

/** Lets the CLI tests locate the same event as the audit tests do. */
public final class RecordedHistoriesAuditTestAccess {
  private RecordedHistoriesAuditTestAccess() {}

  public static long firstGateInspection(WorkflowExecutionHistory h) {
    return RecordedHistoriesAuditTest.firstGateInspection(h);
  }
}
