package io.poolrescue.workflows.lock;

import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A test-only procedure that goes through the real run frame, takes the pool lock {@code key}, and holds it until told. */
@WorkflowInterface
public interface LockProbe extends RecoveryRun {
  @WorkflowMethod(name = "LockProbe")
  RunResult run(String key);

  @SignalMethod
  void finish();
}
