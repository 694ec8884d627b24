package io.poolrescue.workflows.api;

/** Task queue names shared by workers and starters. */
public final class TaskQueues {
  private TaskQueues() {}

  /** Every procedure and its activities run here. */
  public static final String POOL_RECOVERY = "pool-recovery";
}
