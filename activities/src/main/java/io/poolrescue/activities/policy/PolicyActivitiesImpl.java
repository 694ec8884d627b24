package io.poolrescue.activities.policy;

import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the policy as it is now: the worker reads its file again for each run, so an edited
 * policy applies to the runs started after the edit, and a run never changes policy midway.
 */
public final class PolicyActivitiesImpl implements PolicyActivities {
  private static final Logger log = LoggerFactory.getLogger(PolicyActivitiesImpl.class);
  private final Supplier<PolicyFile> policy;

  public PolicyActivitiesImpl(Supplier<PolicyFile> policy) {
    this.policy = policy;
  }

  @Override
  public RunPolicy forRun(String procedure) {
    PolicyFile file;
    try {
      file = policy.get();
    } catch (PolicyException e) {
      // retryable: whoever fixes the file lets the waiting run go on
      throw ApplicationFailure.newFailure(e.getMessage(), POLICY_INVALID);
    }
    RunPolicy run = file.resolve(procedure);
    log.info("approval policy for {}: {} (sha256 {})", procedure, run.source(), run.sha256());
    return run;
  }
}
