package io.poolrescue.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.cli.ExitCode;
import io.poolrescue.workflows.fanout.VmBatchWorkflowImpl;
import io.poolrescue.workflows.master.MasterFailureRecoveryImpl;
import io.poolrescue.workflows.member.MemberFailureRecoveryResetFirst;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code poolrescue audit} on a recorded MemberFailureRecovery, as an auditor runs it. */
class AuditRecordedRunCliTest {

  static final Path HISTORY = Path.of("..", "workflows", "src", "test", "resources", "histories",
      "member-forget-approved.json");

  @TempDir Path dir;

  @Test
  void todaysCodeReplaysTheRecordedRunAndTheReportNamesEveryGateAndOperation() {
    AuditCli run = AuditCli.real(HISTORY.toString());

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    int events = io.poolrescue.audit.HistoryLoader.fromFile(HISTORY).getEvents().size();
    assertTrue(run.out().contains("VERDICT: replays cleanly with today's code (" + events + " events)"), run.out());
    assertTrue(run.out().startsWith("AUDIT of MemberFailureRecovery run member-forget-approved (run id "), run.out());
    for (String gate : List.of("confirm-host-off  APPROVED", "reset-vms  APPROVED", "release-vdi-locks  APPROVED",
        "forget-host  APPROVED")) {
      assertTrue(run.out().contains(gate), gate);
    }
    assertTrue(run.out().contains("POOL OPERATIONS (10, in the order the run recorded them)"), run.out());
    assertTrue(run.out().contains("host.destroy"), run.out());
    assertTrue(run.err().isBlank(), run.toString());
  }

  @Test
  void anIncompatibleChangeExitsNonZeroNamingTheEvent() {
    AuditCli run = AuditCli.with(
        List.of(MemberFailureRecoveryResetFirst.class, MasterFailureRecoveryImpl.class, VmBatchWorkflowImpl.class),
        HISTORY.toString());

    assertEquals(ExitCode.FAILED, run.exitCode(), run.toString());
    long gate = io.poolrescue.audit.RecordedHistoriesAuditTestAccess.firstGateInspection(
        io.poolrescue.audit.HistoryLoader.fromFile(HISTORY));
    assertEquals(List.of("poolrescue: audit of " + HISTORY + ": DIVERGES at event " + gate
        + " (history: ActivityTaskScheduled InspectHost): today's code issues ScheduleActivityTask with activityType "
        + "VmResetVms where the history has InspectHost"), run.errLines());
  }

  @Test
  void htmlReportOfARealRunIsWritten() throws Exception {
    Path page = dir.resolve("member-forget.html");
    AuditCli run = AuditCli.real(HISTORY.toString(), "--format", "html", "-o", page.toString());

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    String html = Files.readString(page);
    assertTrue(html.contains("<h2>Gates (4)</h2>"), "gates section");
    assertTrue(html.contains("class=\"gt-APPROVED\""), "gates drawn on the timeline");
    assertTrue(html.contains("class=\"op\""), "operations drawn on the timeline");
  }
}
