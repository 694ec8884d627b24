package io.poolrescue.audit;

import io.poolrescue.workflows.PoolRescueRegistrations;
import java.util.List;

/** Today's workflow code: every implementation the worker registers, which the audit replays against. */
public final class CurrentWorkflows {
  private CurrentWorkflows() {}

  public static List<Class<?>> all() {
    return PoolRescueRegistrations.workflowTypes();
  }
}
