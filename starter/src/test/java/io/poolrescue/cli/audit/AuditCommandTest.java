package io.poolrescue.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.audit.drill.DrillRecorder;
import io.poolrescue.audit.drill.DrillRunImpl;
import io.poolrescue.audit.drill.DrillRunResetFirst;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.client.codec.PoolRescueDataConverter;
import io.poolrescue.workflows.api.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code poolrescue audit FILE} in its three formats, its verdicts and their exit codes. */
class AuditCommandTest {

  static final List<Class<?>> TODAY = List.of(DrillRunImpl.class);
  static final String HOSTILE = "<script>alert('x')</script> & \"quotes\"";

  @TempDir static Path dir;
  static Path approved;
  static Path hostile;

  @BeforeAll
  static void record() throws Exception {
    try (DrillRecorder recorder = new DrillRecorder(PoolRescueDataConverter.plain())) {
      approved = dir.resolve("approved.json");
      Files.writeString(approved, recorder.record("drill-approved", Decision.APPROVE, "bob", "n").toJson(true));
      hostile = dir.resolve("hostile.json");
      Files.writeString(hostile, recorder.record("drill-hostile", Decision.APPROVE, HOSTILE, HOSTILE).toJson(true));
    }
  }

  @Test
  void textReportOfACleanRun() {
    AuditCli run = AuditCli.with(TODAY, approved.toString());

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    if (System.getenv("SHOW_REPORT") != null) { System.err.println(run.out()); }
    assertTrue(run.out().contains("VERDICT: replays cleanly with today's code"), run.out());
    assertTrue(run.out().contains("GATES (1)"), run.out());
    assertTrue(run.out().contains("APPROVE by bob at "), run.out());
    assertTrue(run.out().contains("\"checked in the DC: host is off\""), run.out());
    assertTrue(run.out().contains("VM.power_state_reset"), run.out());
    assertTrue(run.err().isBlank(), run.toString());
  }

  @Test
  void jsonReportForTools() throws Exception {
    AuditCli run = AuditCli.with(TODAY, approved.toString(), "--format", "json");

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("CLEAN", json.at("/verdict/kind").asText());
    assertEquals("DrillRun", json.at("/run/procedure").asText());
    assertEquals("bob", json.at("/gates/0/decisions/0/approver").asText());
    assertEquals("APPROVE", json.at("/gates/0/decisions/0/decision").asText());
    assertEquals("VM.power_state_reset", json.at("/operations/0/op/call").asText());
    assertTrue(json.at("/run/startedAt").asText().endsWith("Z"), "ISO instants");
  }

  @Test
  void htmlReportIsOneSelfContainedEscapedPage() throws Exception {
    Path page = dir.resolve("report.html");
    AuditCli run = AuditCli.with(TODAY, hostile.toString(), "--format", "html", "-o", page.toString());

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("wrote the html report of " + hostile + " to " + page), run.out());
    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\""));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assertFalse(html.contains("<script"), "no script, and the hostile text is escaped");
    for (String external : List.of("src=", "href=", "<link", "url(", "@import")) {
      assertFalse(html.contains(external), "no external asset: " + external);
    }
    // the only URL is the SVG namespace, which is a name, not a fetch
    assertEquals(1, html.split("http", -1).length - 1);
  }

  @Test
  void divergenceIsReportedWithItsEventAndExitsNonZero() {
    AuditCli run = AuditCli.with(List.of(DrillRunResetFirst.class), approved.toString());

    assertEquals(ExitCode.FAILED, run.exitCode(), run.toString());
    assertTrue(run.out().contains("VERDICT: DIVERGES at event "), run.out());
    assertEquals(1, run.errLines().size(), run.toString());
    assertTrue(run.errLines().get(0).matches(
        "poolrescue: audit of .*approved\\.json: DIVERGES at event \\d+ \\(history: TimerStarted 3600s\\): "
            + "today's code issues ScheduleActivityTask instead"), run.errLines().get(0));
  }
}
