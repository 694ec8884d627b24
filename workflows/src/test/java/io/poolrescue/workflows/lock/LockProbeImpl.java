package io.poolrescue.workflows.lock;

import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.RunTarget;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/** Holds the pool lock from the frame's acquire until {@link #finish}; no pool is touched. */
public final class LockProbeImpl extends GatedRun implements LockProbe {
  private boolean finished;

  @WorkflowInit
  public LockProbeImpl(String key) {
    super("LockProbe", key, "alice", null, RunTarget.of(key));
  }

  @Override
  public RunResult run(String key) {
    return frame(null, () -> {
      Workflow.await(() -> finished);
      return new RunResult(RunResult.Outcome.NOTHING_TO_DO, "held " + key, List.of());
    }, () -> null);
  }

  @Override
  public void finish() {
    finished = true;
  }
}
