package io.poolrescue.launcher.demo;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.pool.model.PoolSnapshot;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;

/**
 * What a demo scenario works with: the dev stack (its simulated pool and backup store), the pool as
 * it was before anything broke, a Temporal client, the screen, and who started the run.
 */
public record DemoStage(DevStack stack, PoolSnapshot before, WorkflowClient client, PrintWriter out, String starter) {

  public String hostUuid(String name) {
    return before.hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst()
        .orElseThrow(() -> CliFailure.failed("the simulated pool has no " + name)).uuid();
  }

  public String masterAddress() {
    return before.master().orElseThrow(() -> CliFailure.failed("the simulated pool has no master")).address();
  }
}
