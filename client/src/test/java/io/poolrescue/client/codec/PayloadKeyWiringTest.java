package io.poolrescue.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.poolrescue.client.temporal.TlsSettings;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testserver.TestServer;
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
 * The key file on a {@link TemporalTarget} reaches every client the worker and the CLI build: a run
 * started through such a client leaves only sealed payloads on the server, which the same key opens.
 */
class PayloadKeyWiringTest {

  static final String MARKER = "host-uuid-that-must-not-leak-5d1c";

  /** Any JSON object will do: no worker runs, only the start event is read. */
  record Request(String poolAddress, String hostUuid, String requestedBy) {}

  @Test
  void clientsBuiltFromAKeyedTargetSealTheRequest(@TempDir Path dir) throws Exception {
    byte[] raw = new byte[EncryptionKey.KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    Path keyFile = dir.resolve("payload.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw) + "\n");

    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
      TemporalTarget keyed = new TemporalTarget("127.0.0.1:" + port, "default", TlsSettings.off(), keyFile);
      TemporalTarget plain = new TemporalTarget("127.0.0.1:" + port, "default", TlsSettings.off());
      WorkflowServiceStubs stubs = TemporalConnections.connect(plain, null, Duration.ofSeconds(10));
      try {
        WorkflowClient sealing = TemporalConnections.client(stubs, keyed, "alice");
        Request request = new Request("127.0.10.1", MARKER, "alice");
        // No worker is needed: the start event alone carries the request as the client encoded it.
        sealing.newUntypedWorkflowStub("SealedRequestProbe",
                WorkflowOptions.newBuilder().setTaskQueue("no-worker").setWorkflowId("sealed-1").build())
            .start(request);

        WorkflowClient reading = TemporalConnections.client(stubs, plain, "auditor");
        String stored = reading.fetchHistory("sealed-1").toJson(true);
        assertTrue(JsonLeaves.decodedStrings(stored).stream().noneMatch(s -> s.contains(MARKER)),
            "the request is readable on the server");
        assertTrue(JsonLeaves.decodedStrings(stored).contains(AesGcmPayloadCodec.ENCODING));

        HistoryEvent start = reading.fetchHistory("sealed-1").getEvents().get(0);
        Payloads input = start.getWorkflowExecutionStartedEventAttributes().getInput();
        Request opened = PoolRescueDataConverter.create(keyFile)
            .fromPayloads(0, Optional.of(input), Request.class, Request.class);
        assertEquals(MARKER, opened.hostUuid());
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
