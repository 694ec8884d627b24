package io.poolrescue.workflows.api;

/** Life of a gate. VOIDED: the pool changed after approval, so a fresh gate is asked. */
public enum GateState {
  OPEN,
  APPROVED,
  REJECTED,
  EXPIRED,
  VOIDED
}
