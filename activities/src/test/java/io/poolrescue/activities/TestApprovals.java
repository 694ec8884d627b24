package io.poolrescue.activities;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.CallingRun;
import io.poolrescue.activities.approval.SignedDecision;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;

/**
 * Approved gates for the activity test environment's run, as a procedure would pass them: one
 * unsigned approval by bob of a run alice started, which the built-in policy accepts. The run's
 * workflow id is asked from the environment itself, through a probe activity; its run id is
 * {@link #RUN_ID}, since the environment draws a new one for every call ({@link #CALLING}).
 */
public final class TestApprovals {
  public static final String RUN_ID = "activity-test-run";
  /** The calling run as the activities' tests see it: the environment's workflow, run {@link #RUN_ID}. */
  public static final CallingRun CALLING = () -> {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return new CallingRun.Call(info.getWorkflowId(), RUN_ID, info.getWorkflowType());
  };

  private final List<String> run;

  private TestApprovals(List<String> run) {
    this.run = run;
  }

  /** Registers the probe in {@code env} (before its first stub) and reads the ids of the run it simulates. */
  public static TestApprovals in(TestActivityEnvironment env) {
    env.registerActivitiesImplementations(new RunIdsImpl());
    RunIds probe = env.newActivityStub(RunIds.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    return new TestApprovals(probe.ids());
  }

  /** The gate approved for these targets. */
  public ApprovalProof of(String gate, String... targets) {
    return new ApprovalProof(run.get(0), RUN_ID, "MemberFailureRecovery", "alice", gate, "sha256:test",
        List.of(targets), List.of(new SignedDecision("bob", "APPROVE", "checked", null, null)));
  }

  @ActivityInterface(namePrefix = "TestProbe")
  public interface RunIds {
    List<String> ids();
  }

  static final class RunIdsImpl implements RunIds {
    @Override
    public List<String> ids() {
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      return List.of(info.getWorkflowId(), info.getRunId());
    }
  }
}
