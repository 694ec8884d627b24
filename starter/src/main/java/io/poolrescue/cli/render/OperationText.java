package io.poolrescue.cli.render;

import io.poolrescue.workflows.api.OperationApplied;

/** One pool operation the run performed: time, XAPI call, arguments, outcome, the gate that allowed it. */
public final class OperationText {
  private OperationText() {}

  public static String render(OperationApplied op) {
    return Clock.time(op.at()) + "  " + op.call() + " " + String.join(" ", op.args()) + " -> " + op.outcome()
        + (op.gateId() == null ? "" : "  [gate " + op.gateId() + "]");
  }
}
