package io.poolrescue.cli;

import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/** One command's connection to Temporal: stubs (checked reachable) and a client with the operator's identity. */
public final class TemporalSession implements AutoCloseable {
  private final TemporalTarget target;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalSession(TemporalTarget target, WorkflowServiceStubs stubs, WorkflowClient client) {
    this.target = target;
    this.stubs = stubs;
    this.client = client;
  }

  public static TemporalSession open(TemporalOptions options, String identity) {
    TemporalTarget target;
    try {
      target = options.target();
    } catch (IllegalArgumentException e) {
      throw CliFailure.badInput(e.getMessage());
    }
    WorkflowServiceStubs stubs = TemporalConnections.connect(target, null, options.connectTimeout());
    return new TemporalSession(target, stubs, TemporalConnections.client(stubs, target, "poolrescue-cli:" + identity));
  }

  public TemporalTarget target() {
    return target;
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  public WorkflowClient client() {
    return client;
  }

  /** A stub on the latest run of that workflow id. */
  public WorkflowStub run(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(2, TimeUnit.SECONDS);
  }
}
