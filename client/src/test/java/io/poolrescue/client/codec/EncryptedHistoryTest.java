package io.poolrescue.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Temporal server stores when the client and worker use the poolrescue converter. */
class EncryptedHistoryTest {

  static final String REQUEST = "evacuate host 9d2e on evidence heartbeat-age=742s";
  static final String TASK_QUEUE = "codec-test";

  @WorkflowInterface
  public interface EchoRun {
    @WorkflowMethod
    String run(String request);
  }

  @ActivityInterface
  public interface EchoActivity {
    String echo(String text);
  }

  public static class EchoRunImpl implements EchoRun {
    private final EchoActivity activity =
        Workflow.newActivityStub(
            EchoActivity.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String run(String request) {
      return "done: " + activity.echo(request);
    }
  }

  private static String runAndExportHistory(DataConverter converter) {
    TestEnvironmentOptions options =
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
            .build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      Worker worker = env.newWorker(TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(EchoRunImpl.class);
      worker.registerActivitiesImplementations((EchoActivity) text -> "echo " + text);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      EchoRun run =
          client.newWorkflowStub(
              EchoRun.class, WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).setWorkflowId("echo-1").build());
      assertEquals("done: echo " + REQUEST, run.run(REQUEST));
      return client.fetchHistory("echo-1").toJson(true);
    }
  }

  @Test
  void encryptedHistoryHoldsNoPlaintextOfTheRequest() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    String json = runAndExportHistory(PoolRescueDataConverter.encrypted(EncryptionKey.ofBytes(key)));

    List<String> leaves = JsonLeaves.decodedStrings(json);

    assertTrue(leaves.contains(AesGcmPayloadCodec.ENCODING), "payloads are marked binary/encrypted");
    assertTrue(leaves.stream().noneMatch(s -> s.contains("heartbeat-age")), "plaintext request in the history");
  }

  @Test
  void plainHistoryDoesHoldTheRequest() {
    // the control: the check above would see the request if it were there
    String json = runAndExportHistory(PoolRescueDataConverter.plain());
    assertTrue(JsonLeaves.decodedStrings(json).stream().anyMatch(s -> s.contains("heartbeat-age")));
  }
}
