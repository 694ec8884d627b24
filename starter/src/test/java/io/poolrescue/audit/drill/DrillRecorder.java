package io.poolrescue.audit.drill;

import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;

/** Runs drills on Temporal's test server and returns their histories, as {@code history export} would. */
public final class DrillRecorder implements AutoCloseable {

  static final String QUEUE = "drill";
  private final TestWorkflowEnvironment env;
  public final DrillActivities.Fake pool = new DrillActivities.Fake();

  public DrillRecorder(DataConverter converter) {
    env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter)
                .setIdentity("operator-cli@desk").build())
            .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(DrillRunImpl.class);
    worker.registerActivitiesImplementations(pool);
    env.start();
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** A drill whose gate gets {@code decision} from {@code approver}, or no decision at all (it expires) when null. */
  public WorkflowExecutionHistory record(String workflowId, Decision decision, String approver, String note) {
    DrillRun run = client().newWorkflowStub(
        DrillRun.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
    WorkflowClient.start(run::run, new DrillRun.DrillRequest("10.0.0.1", "vm-b", "alice", note));
    if (decision != null) {
      env.sleep(Duration.ofMinutes(3));
      run.decide(new DecideRequest(DrillRunImpl.GATE, approver, decision, "checked in the DC: host is off"));
    }
    client().newUntypedWorkflowStub(workflowId).getResult(Object.class);
    return client().fetchHistory(workflowId);
  }

  @Override
  public void close() {
    env.close();
  }
}
