package io.poolrescue.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.audit.drill.DrillRecorder;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.client.codec.EncryptionKey;
import io.poolrescue.client.codec.PoolRescueDataConverter;
import io.poolrescue.devstack.DevTemporalServer;
import io.poolrescue.workflows.api.Decision;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code poolrescue audit} on bad input, through the real entry point: one line on stderr, a non-zero exit. */
class AuditBadInputCliTest {

  @TempDir static Path dir;
  static DevTemporalServer temporal;
  static Path drillHistory;
  static Path sealedHistory;
  static Path keyFile;
  static Path otherKeyFile;

  @BeforeAll
  static void setUp() throws Exception {
    temporal = DevTemporalServer.start(0);
    byte[] raw = new byte[32];
    raw[5] = 42;
    keyFile = dir.resolve("payload.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw) + "\n");
    otherKeyFile = dir.resolve("other.key");
    Files.writeString(otherKeyFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    try (DrillRecorder plain = new DrillRecorder(PoolRescueDataConverter.plain())) {
      drillHistory = dir.resolve("drill.json");
      Files.writeString(drillHistory, plain.record("drill", Decision.APPROVE, "bob", "n").toJson(true));
    }
    try (DrillRecorder sealed = new DrillRecorder(PoolRescueDataConverter.encrypted(EncryptionKey.ofBytes(raw)))) {
      sealedHistory = dir.resolve("sealed.json");
      Files.writeString(sealedHistory, sealed.record("sealed", Decision.APPROVE, "bob", "n").toJson(true));
    }
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  private static void assertOneLine(int code, String expected, AuditCli run) {
    assertEquals(code, run.exitCode(), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
    assertEquals("poolrescue: " + expected, run.errLines().get(0));
    assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.toString());
    assertTrue(run.out().isBlank(), run.toString());
  }

  @Test
  void truncatedHistory() throws Exception {
    Path cut = dir.resolve("cut.json");
    String json = Files.readString(drillHistory);
    Files.writeString(cut, json.substring(0, json.length() / 3));
    AuditCli run = AuditCli.real(cut.toString());
    assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
    assertTrue(run.errLines().get(0).startsWith("poolrescue: " + cut + " is not valid JSON (truncated or damaged?): "),
        run.toString());
  }

  @Test
  void jsonThatIsNotAHistory() throws Exception {
    Path request = dir.resolve("request.json");
    Files.writeString(request, "{\"poolAddress\":\"127.0.10.1\",\"mode\":\"FORGET\"}");
    assertOneLine(ExitCode.BAD_INPUT, request + " is not a Temporal workflow history: it has no \"events\" list",
        AuditCli.real(request.toString()));
  }

  @Test
  void missingFile() {
    Path absent = dir.resolve("absent.json");
    assertOneLine(ExitCode.BAD_INPUT, absent + ": no such file", AuditCli.real(absent.toString()));
  }

  @Test
  void historyOfAWorkflowTypeTodaysCodeDoesNotHave() {
    AuditCli run = AuditCli.real(drillHistory.toString());
    assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.errLines().get(0).startsWith(
        "poolrescue: " + drillHistory + " is a history of workflow type DrillRun, which this poolrescue does not know"),
        run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
  }

  @Test
  void encryptedHistoryWithoutKeyOrWithTheWrongOne() throws Exception {
    String id = EncryptionCheckIds.of(sealedHistory);
    assertOneLine(ExitCode.BAD_INPUT, sealedHistory + " is encrypted (key " + id + "); give its key with --key-file",
        AuditCli.real(sealedHistory.toString()));
    String other = EncryptionKey.ofBytes(new byte[32]).id();
    assertOneLine(ExitCode.BAD_INPUT,
        sealedHistory + " is encrypted with key " + id + " but --key-file holds key " + other,
        AuditCli.real(sealedHistory.toString(), "--key-file", otherKeyFile.toString()));
  }

  @Test
  void missingKeyFile() {
    Path absent = dir.resolve("nokey");
    assertOneLine(ExitCode.BAD_INPUT,
        "key file " + absent + " does not exist (create one with: head -c 32 /dev/urandom | base64 > FILE)",
        AuditCli.real(sealedHistory.toString(), "--key-file", absent.toString()));
  }

  @Test
  void workflowIdTheClusterDoesNotHave() {
    assertOneLine(ExitCode.BAD_INPUT, "no workflow with id no-such-run in namespace default",
        AuditCli.real("no-such-run", "--temporal", temporal.target()));
  }

  @Test
  void unreachableCluster() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    AuditCli run = AuditCli.real("some-run", "--temporal", "127.0.0.1:" + closed, "--connect-timeout", "1");
    assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.toString());
    assertTrue(run.errLines().get(0).startsWith("poolrescue: cannot reach Temporal at 127.0.0.1:" + closed),
        run.toString());
  }

  @Test
  void badFormat() {
    AuditCli run = AuditCli.real(drillHistory.toString(), "--format", "pdf");
    assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
    assertTrue(run.errLines().get(0).contains("--format"), run.toString());
  }
}
