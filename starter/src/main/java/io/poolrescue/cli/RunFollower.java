package io.poolrescue.cli;

import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.cli.render.Clock;
import io.poolrescue.cli.render.StatusChanges;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a run and its child runs until the root closes, printing each change as it happens and
 * handing every newly opened gate to a {@link GateHandler} (the demo's operator, or nobody).
 */
public final class RunFollower {

  /** Called once per gate when it opens; may block (an operator thinking) or send a decision. */
  @FunctionalInterface
  public interface GateHandler {
    void onOpen(String workflowId, GateView gate);

    GateHandler NONE = (id, g) -> {};
  }

  /** How the followed run ended. */
  public record Outcome(WorkflowExecutionStatus execution, RunStatus status) {}

  private final WorkflowClient client;
  private final PrintWriter out;
  private final GateHandler gates;
  private final Duration pollEvery;
  private final Map<String, RunStatus> last = new LinkedHashMap<>();
  private boolean workerSilent;

  public RunFollower(WorkflowClient client, PrintWriter out, GateHandler gates, Duration pollEvery) {
    this.client = client;
    this.out = out;
    this.gates = gates;
    this.pollEvery = pollEvery;
  }

  public Outcome follow(String workflowId) throws InterruptedException {
    WorkflowStub root = client.newUntypedWorkflowStub(workflowId);
    while (true) {
      WorkflowExecutionStatus execution = root.describe().getStatus();
      poll(workflowId);
      if (execution != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return new Outcome(execution, last.get(workflowId));
      }
      Thread.sleep(pollEvery.toMillis());
    }
  }

  /** One reading of the root and every child it names, depth first. */
  private void poll(String rootId) {
    List<String> todo = new ArrayList<>(List.of(rootId));
    while (!todo.isEmpty()) {
      String id = todo.remove(0);
      RunStatus next = query(id);
      if (next == null) {
        continue;
      }
      RunStatus prev = last.put(id, next);
      String prefix = id.equals(rootId) ? "" : "[" + id + "] ";
      String now = Clock.time(Instant.now()) + "  ";
      for (String line : StatusChanges.between(id, prev, next)) {
        out.println(now + prefix + line);
      }
      out.flush();
      for (GateView g : StatusChanges.newlyOpened(prev, next)) {
        gates.onOpen(id, g);
      }
      todo.addAll(next.children());
    }
  }

  private RunStatus query(String id) {
    try {
      RunStatus s = client.newUntypedWorkflowStub(id).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
      if (workerSilent) {
        out.println(Clock.time(Instant.now()) + "  a worker answers again");
        workerSilent = false;
      }
      return s;
    } catch (WorkflowNotFoundException e) {
      throw e;
    } catch (WorkflowException | io.grpc.StatusRuntimeException e) {
      // No worker at the moment (restarting after a crash): the run itself is durable, keep watching.
      if (!workerSilent) {
        out.println(Clock.time(Instant.now()) + "  no worker answers the status query yet; still watching");
        out.flush();
        workerSilent = true;
      }
      return null;
    }
  }
}
