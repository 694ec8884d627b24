package io.poolrescue.audit.drill;

/** The incompatible change the audit must catch: the reset moved before its gate. */
public class DrillRunResetFirst extends DrillRunImpl {
  @Override
  protected boolean resetStep() {
    step("reset", this::reset);
    return askGate();
  }
}
