package io.poolrescue.workflows.api;

/** Life of a procedure step. */
public enum StepState {
  PENDING,
  RUNNING,
  WAITING_APPROVAL,
  WAITING,
  DONE,
  SKIPPED,
  FAILED
}
