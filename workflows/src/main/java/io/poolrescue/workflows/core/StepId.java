package io.poolrescue.workflows.core;

/**
 * A step of a procedure: its id (recorded in the status and in every gate request, so never
 * renamed) and the title the status shows. Each procedure lists its steps in an enum.
 */
public interface StepId {
  String id();

  String title();
}
