package io.poolrescue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.devstack.DevTemporalServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line on stderr and a documented non-zero exit code, never a stack trace. */
class CliBadInputTest {
  static DevTemporalServer temporal;
  static String target;

  @TempDir Path dir;

  @BeforeAll
  static void server() {
    temporal = DevTemporalServer.start(0);
    target = temporal.target();
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  private static CliRun assertOneLineError(int expectedCode, String expectedText, CliRun run) {
    assertEquals(expectedCode, run.exitCode(), run.toString());
    assertEquals(1, run.errLines().size(), "exactly one line on stderr: " + run);
    String line = run.errLines().get(0);
    assertTrue(line.startsWith("poolrescue: "), run.toString());
    assertTrue(line.contains(expectedText), "expected '" + expectedText + "' in: " + line);
    assertFalse(run.err().contains("Exception"), "no exception names: " + run);
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
    assertTrue(run.out().isBlank(), "nothing on stdout: " + run);
    return run;
  }

  @Test
  void unknownProcedure() {
    assertOneLineError(ExitCode.BAD_INPUT, "unknown procedure 'frobnicate' (known: member-failure",
        CliRun.of("start", "frobnicate", "--temporal", target));
  }

  @Test
  void unknownCommandAndOption() {
    assertOneLineError(ExitCode.BAD_INPUT, "Unmatched argument", CliRun.of("frobnicate"));
    assertOneLineError(ExitCode.BAD_INPUT, "Unknown option: '--frob'", CliRun.of("status", "x", "--frob"));
  }

  @Test
  void malformedJsonRequest() throws IOException {
    Path f = dir.resolve("req.json");
    Files.writeString(f, "{\"poolAddress\": \"127.0.10.1\", \"hostUuid\": ");
    assertOneLineError(ExitCode.BAD_INPUT, "malformed JSON in " + f,
        CliRun.of("start", "member-failure", "--request", f.toString(), "--temporal", target));
  }

  @Test
  void misspelledFieldInRequest() throws IOException {
    Path f = dir.resolve("req.json");
    Files.writeString(f, "{\"poolAddress\":\"127.0.10.1\",\"hostUid\":\"h\",\"mode\":\"FORGET\"}");
    assertOneLineError(ExitCode.BAD_INPUT, "member-failure needs --host",
        CliRun.of("start", "member-failure", "--request", f.toString(), "--temporal", target));
    Files.writeString(f, "{\"poolAddress\":\"127.0.10.1\",\"hostUuid\":\"h\",\"hostUid\":\"h\",\"mode\":\"FORGET\"}");
    assertOneLineError(ExitCode.BAD_INPUT, "Unrecognized field \"hostUid\"",
        CliRun.of("start", "member-failure", "--request", f.toString(), "--temporal", target));
  }

  @Test
  void badEnumValueAndMissingFlags() {
    assertOneLineError(ExitCode.BAD_INPUT, "--mode",
        CliRun.of("start", "member-failure", "--pool", "p", "--host", "h", "--mode", "NUKE", "--temporal", target));
    assertOneLineError(ExitCode.BAD_INPUT, "member-failure needs --pool, --host, --mode",
        CliRun.of("start", "member-failure", "--temporal", target));
    assertOneLineError(ExitCode.BAD_INPUT, "not a duration: 'soon'",
        CliRun.of("start", "member-failure", "--pool", "p", "--host", "h", "--mode", "FORGET",
            "--expire-after", "soon", "--temporal", target));
  }

  @Test
  void approvalFlagsOnAProcedureWithoutGates() {
    assertOneLineError(ExitCode.BAD_INPUT, "pool-backup has no approval gates",
        CliRun.of("start", "pool-backup", "--pool", "127.0.10.1", "--quorum", "2", "--temporal", target));
  }

  @Test
  void missingRequestFile() {
    assertOneLineError(ExitCode.BAD_INPUT, "no such readable file",
        CliRun.of("start", "member-failure", "--request", dir.resolve("nope.json").toString(), "--temporal", target));
  }

  @Test
  void unknownWorkflowId() {
    assertOneLineError(ExitCode.BAD_INPUT, "no workflow with id 'no-such-run'",
        CliRun.of("status", "no-such-run", "--temporal", target));
    assertOneLineError(ExitCode.BAD_INPUT, "no-such-run",
        CliRun.of("approve", "no-such-run", "forget-host", "--as", "bob", "--reason", "ok", "--temporal", target));
    assertOneLineError(ExitCode.BAD_INPUT, "no-such-run",
        CliRun.of("history", "export", "no-such-run", "-o", dir.resolve("h.json").toString(), "--temporal", target));
  }

  @Test
  void unreachableTemporal() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertOneLineError(ExitCode.UNREACHABLE, "cannot reach Temporal at 127.0.0.1:" + closed,
        CliRun.of("status", "x", "--temporal", "127.0.0.1:" + closed, "--connect-timeout", "1"));
    assertOneLineError(ExitCode.UNREACHABLE, "cannot reach Temporal",
        CliRun.of("gates", "--temporal", "127.0.0.1:" + closed, "--connect-timeout", "1"));
  }

  @Test
  void badTemporalAddress() {
    assertOneLineError(ExitCode.BAD_INPUT, "host:port", CliRun.of("gates", "--temporal", "nowhere"));
  }

  @Test
  void missingReason() {
    assertOneLineError(ExitCode.BAD_INPUT, "--reason", CliRun.of("approve", "x", "g", "--temporal", target));
  }
}
