package io.poolrescue.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.poolrescue.client.temporal.TlsSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through Temporal's test server (real time): a run started in plaintext, e.g. from the Web UI or a
 * client without the key, is not executed by a worker with strict encryption; one started sealed is.
 */
class StrictWorkerTest {
  static final String QUEUE = "strict-probe";

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String echo(String text);
  }

  public static class EchoImpl implements Echo {
    @Override
    public String echo(String text) {
      return "echo " + text;
    }
  }

  @Test
  void aStrictWorkerRefusesAPlaintextStartAndRunsASealedOne(@TempDir Path dir) throws Exception {
    byte[] raw = new byte[EncryptionKey.KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    Path keyFile = Files.writeString(dir.resolve("payload.key"), Base64.getEncoder().encodeToString(raw) + "\n");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
      String at = "127.0.0.1:" + port;
      TemporalTarget strict = new TemporalTarget(at, "default", TlsSettings.off(), keyFile, true);
      TemporalTarget plain = new TemporalTarget(at, "default", TlsSettings.off());
      WorkflowServiceStubs stubs = TemporalConnections.connect(plain, null, Duration.ofSeconds(10));
      WorkerFactory factory = WorkerFactory.newInstance(TemporalConnections.client(stubs, strict, "strict-worker"));
      try {
        factory.newWorker(QUEUE).registerWorkflowImplementationTypes(EchoImpl.class);
        factory.start();
        WorkflowClient sealing = TemporalConnections.client(stubs, strict, "alice");
        Echo sealed = sealing.newWorkflowStub(Echo.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("sealed-run").build());
        assertEquals("echo hello", sealed.echo("hello"));

        WorkflowClient unsealed = TemporalConnections.client(stubs, plain, "web-ui");
        unsealed.newUntypedWorkflowStub("Echo",
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("plain-run").build()).start("forged");
        HistoryEvent failed = awaitTaskFailure(sealing, "plain-run");
        DataConverter converter = PoolRescueDataConverter.create(Optional.of(keyFile), true);
        String message = causes(converter.failureToException(failed.getWorkflowTaskFailedEventAttributes().getFailure()));
        assertTrue(message.contains("a plaintext payload (encoding json/plain) where strict encryption is on"), message);
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }

  private static HistoryEvent awaitTaskFailure(WorkflowClient client, String id) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Optional<HistoryEvent> failed = client.fetchHistory(id).getEvents().stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).findFirst();
      if (failed.isPresent()) {
        return failed.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the strict worker ran the plaintext start");
  }

  private static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append(" / ");
    }
    return sb.toString();
  }
}
