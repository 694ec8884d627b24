package io.poolrescue.activities.policy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The worker's approval policy, read when a run starts; the run records the answer and decides by it. */
@ActivityInterface(namePrefix = "Policy")
public interface PolicyActivities {
  /** Failure type: the worker's policy file cannot be read or is not valid (fix it, the run retries). */
  String POLICY_INVALID = "POLICY_INVALID";

  /** The policy's rules resolved for one procedure (workflow type). */
  @ActivityMethod
  RunPolicy forRun(String procedure);
}
