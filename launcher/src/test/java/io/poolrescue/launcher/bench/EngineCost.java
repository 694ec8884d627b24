package io.poolrescue.launcher.bench;

import io.poolrescue.activities.inspection.InspectionActivities;
import io.poolrescue.workflows.api.TaskQueues;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.UUID;

/**
 * poolrescue's cost per pool operation against a bare Temporal activity round trip, on the same
 * server and in the same worker process ({@link BenchWorkerMain}): one workflow calls, one after the
 * other, either a no-op activity or poolrescue's own {@code InspectProbe} (its interceptors, the
 * worker's connector, one XAPI round trip to the pool's master).
 */
final class EngineCost {
  /** The bench worker's own queue, beside the production worker's. */
  static final String TASK_QUEUE = "bench-engine-cost";

  private EngineCost() {}

  /** Milliseconds per call of each kind, and their ratio. */
  record Figures(double bareMs, double poolMs) {
    double ratio() {
      return poolMs / bareMs;
    }
  }

  @WorkflowInterface
  public interface RoundTrips {
    /** {@code calls} calls in a row: probes of {@code probeAddress}, or no-ops when it is null. */
    @WorkflowMethod(name = "BenchRoundTrips")
    int run(int calls, String probeAddress);
  }

  @ActivityInterface(namePrefix = "Bench")
  public interface NoOp {
    int nothing(int i);
  }

  public static final class NoOpImpl implements NoOp {
    @Override
    public int nothing(int i) {
      return i;
    }
  }

  public static final class RoundTripsImpl implements RoundTrips {
    private static final ActivityOptions OPTIONS =
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build();

    @Override
    public int run(int calls, String probeAddress) {
      NoOp bare = Workflow.newActivityStub(NoOp.class, OPTIONS);
      InspectionActivities pool = Workflow.newActivityStub(InspectionActivities.class,
          ActivityOptions.newBuilder(OPTIONS).setTaskQueue(TaskQueues.POOL_RECOVERY).build());
      for (int i = 0; i < calls; i++) {
        if (probeAddress == null) {
          bare.nothing(i);
        } else {
          pool.probe(probeAddress);
        }
      }
      return calls;
    }
  }

  /** Times {@code calls} of each kind (after a short warm-up of each), the bare ones first. */
  static Figures measure(WorkflowClient client, String poolAddress, int calls) {
    once(client, null, calls / 10);
    once(client, poolAddress, calls / 10);
    double bare = once(client, null, calls);
    double pool = once(client, poolAddress, calls);
    return new Figures(bare, pool);
  }

  private static double once(WorkflowClient client, String probeAddress, int calls) {
    RoundTrips run = client.newWorkflowStub(RoundTrips.class, WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE)
        .setWorkflowId("bench-round-trips-" + UUID.randomUUID()).build());
    long t0 = System.nanoTime();
    run.run(calls, probeAddress);
    return (System.nanoTime() - t0) / 1e6 / calls;
  }
}
