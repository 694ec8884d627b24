package io.poolrescue.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.audit.drill.DrillRecorder;
import io.poolrescue.audit.drill.DrillRunImpl;
import io.poolrescue.client.codec.EncryptionKey;
import io.poolrescue.client.codec.PayloadKeyring;
import io.poolrescue.client.codec.PoolRescueDataConverter;
import io.poolrescue.workflows.api.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the audit refuses, each with one clear line. */
class BadInputTest {

  static final EncryptionKey KEY = EncryptionKey.ofBytes(new byte[32]);
  static final EncryptionKey OTHER_KEY = EncryptionKey.ofBytes(filled(7));
  static String plainJson;
  static String encryptedJson;

  @TempDir Path dir;

  static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  @BeforeAll
  static void record() {
    try (DrillRecorder plain = new DrillRecorder(PoolRescueDataConverter.plain())) {
      plainJson = plain.record("drill-plain", Decision.APPROVE, "bob", "n").toJson(true);
      // the cluster knows drill-plain, not this id
      AuditInputException e = assertThrows(AuditInputException.class,
          () -> HistoryLoader.fromCluster(plain.client(), "no-such-run"));
      assertEquals("no workflow with id no-such-run in namespace default", e.getMessage());
    }
    try (DrillRecorder sealed = new DrillRecorder(PoolRescueDataConverter.encrypted(KEY))) {
      encryptedJson = sealed.record("drill-sealed", Decision.APPROVE, "bob", "the-plaintext-note").toJson(true);
    }
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static AuditReport audit(Path file, Optional<PayloadKeyring> key) {
    try (AuditEngine engine = new AuditEngine(List.of(DrillRunImpl.class), key)) {
      return engine.audit(HistoryLoader.fromFile(file), file.toString());
    }
  }

  @Test
  void truncatedFile() throws Exception {
    Path file = write("cut.json", plainJson.substring(0, plainJson.length() / 2));
    AuditInputException e = assertThrows(AuditInputException.class, () -> HistoryLoader.fromFile(file));
    assertTrue(e.getMessage().startsWith(file + " is not valid JSON (truncated or damaged?): Unexpected end-of-input"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void jsonThatIsNoHistory() throws Exception {
    Path file = write("request.json", "{\"poolAddress\":\"10.0.0.1\",\"hostUuid\":\"h3\"}");
    AuditInputException e = assertThrows(AuditInputException.class, () -> HistoryLoader.fromFile(file));
    assertEquals(file + " is not a Temporal workflow history: it has no \"events\" list", e.getMessage());
  }

  @Test
  void eventsThatAreNoEvents() throws Exception {
    Path file = write("odd.json", "{\"events\":[{\"eventId\":\"x\",\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\"}]}");
    AuditInputException e = assertThrows(AuditInputException.class, () -> HistoryLoader.fromFile(file));
    assertTrue(e.getMessage().startsWith(file + " is not a Temporal workflow history: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void historyWithoutItsStart() throws Exception {
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(plainJson);
    ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("events")).remove(0);
    Path file = write("tail.json", tree.toString());
    AuditInputException e = assertThrows(AuditInputException.class, () -> HistoryLoader.fromFile(file));
    assertEquals(file + " is not a complete workflow history: it does not begin with WorkflowExecutionStarted",
        e.getMessage());
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("absent.json");
    AuditInputException e = assertThrows(AuditInputException.class, () -> HistoryLoader.fromFile(file));
    assertEquals(file + ": no such file", e.getMessage());
  }

  @Test
  void unknownWorkflowType() throws Exception {
    Path file = write("other.json", plainJson.replace("\"DrillRun\"", "\"CoffeeMachineRecovery\""));
    AuditInputException e = assertThrows(AuditInputException.class, () -> audit(file, Optional.empty()));
    assertEquals(file + " is a history of workflow type CoffeeMachineRecovery, which this poolrescue does not know"
        + " (known: DrillRun)", e.getMessage());
  }

  @Test
  void encryptedHistoryWithoutKey() throws Exception {
    Path file = write("sealed.json", encryptedJson);
    AuditInputException e = assertThrows(AuditInputException.class, () -> audit(file, Optional.empty()));
    assertEquals(file + " is encrypted (key " + KEY.id() + "); give its key with --key-file", e.getMessage());
  }

  @Test
  void encryptedHistoryWithAnotherKey() throws Exception {
    Path file = write("sealed.json", encryptedJson);
    AuditInputException e = assertThrows(AuditInputException.class, () -> audit(file, Optional.of(PayloadKeyring.of(OTHER_KEY))));
    assertEquals(file + " is encrypted with key " + KEY.id() + " but --key-file holds key " + OTHER_KEY.id(),
        e.getMessage());
  }

  @Test
  void encryptedHistoryWithItsKeyReplaysAndReads() throws Exception {
    assertFalse(encryptedJson.contains("the-plaintext-note"));
    Path file = write("sealed.json", encryptedJson);
    AuditReport report = audit(file, Optional.of(PayloadKeyring.of(OTHER_KEY, KEY)));
    assertTrue(report.verdict().clean(), report.verdict().toString());
    assertEquals(KEY.id(), report.encryptedWith());
    assertEquals("the-plaintext-note", report.run().request().get("note").asText());
    assertEquals("bob", report.gates().get(0).decisions().get(0).approver());
  }
}
