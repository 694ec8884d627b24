package io.poolrescue.workflows.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The simulator's XAPI and BMC passwords appear in no recorded history, journal, or log line of a run. */
class NoPasswordInHistoriesTest {

  static final SecretScan SCAN = new SecretScan(RecordingEnv.SIM_PASSWORD);
  /** What every simulated BMC password of the presets starts with ({@code sim-bmc-<serial>}). */
  static final SecretScan BMC_SCAN = new SecretScan("sim-bmc-SIM-HOST");

  @TempDir Path dir;

  @Test
  void theScanFindsThePasswordWhereverItHides() {
    String b64 = Base64.getEncoder().encodeToString(("{\"pw\":\"" + RecordingEnv.SIM_PASSWORD + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    assertFalse(SCAN.findIn("login root/" + RecordingEnv.SIM_PASSWORD, "log").isEmpty());
    assertFalse(SCAN.findIn("{\"data\":\"" + b64 + "\"}", "payload").isEmpty());
    assertFalse(SCAN.findIn("{\"data\":\"" + Base64.getEncoder().encodeToString(b64.getBytes()) + "\"}", "nested")
        .isEmpty());
    assertFalse(SCAN.findIn("{\"s\":\"poolrescue\\u002dsim\"}", "escaped").isEmpty());
    assertEquals(List.of(), SCAN.findIn("{\"credentials\":\"file:/etc/poolrescue/xapi.pw\"}", "reference"));
    assertFalse(BMC_SCAN.findIn("Authorization for admin:sim-bmc-SIM-HOST-2", "log").isEmpty());
  }

  @Test
  void noRecordedHistoryOrJournalHoldsThePassword() throws Exception {
    List<String> found = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (var all = Files.list(ReplayRegressionTest.DIR)) {
      all.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
    }
    assertTrue(files.size() >= 2, "histories and journals to scan: " + files);
    for (Path f : files) {
      found.addAll(SCAN.findIn(Files.readString(f), f.getFileName().toString()));
      found.addAll(BMC_SCAN.findIn(Files.readString(f), f.getFileName().toString()));
    }
    assertEquals(List.of(), found);
  }

  @Test
  void aRunOverXapiLeavesThePasswordInNoLogLineAndNoHistory() throws Exception {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        lines.add(e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
      }
    };
    capture.setContext(logging);
    capture.start();
    Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    root.addAppender(capture);
    root.setLevel(Level.DEBUG);
    try {
      Scenario forget = Scenarios.all().stream().filter(s -> s.name().equals(RollingScenarios.PREFIX + "member-forget-power-lost")).findFirst()
          .orElseThrow();
      RecordHistories.record(forget, dir);
    } finally {
      root.detachAppender(capture);
      root.setLevel(before);
    }

    assertTrue(lines.stream().anyMatch(l -> l.contains("forgotten")), "the run's own log lines were captured");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("io.temporal")), "the SDK's log lines were captured");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("io.poolrescue.pool.fence")), "the BMC logins were logged");
    List<String> found = new ArrayList<>();
    for (String line : lines) {
      found.addAll(SCAN.findIn(line, "log line"));
      found.addAll(BMC_SCAN.findIn(line, "log line"));
    }
    try (var written = Files.list(dir)) {
      for (Path f : written.toList()) {
        found.addAll(SCAN.findIn(Files.readString(f), f.getFileName().toString()));
        found.addAll(BMC_SCAN.findIn(Files.readString(f), f.getFileName().toString()));
      }
    }
    assertEquals(List.of(), found, lines.size() + " log lines scanned");
  }
}
