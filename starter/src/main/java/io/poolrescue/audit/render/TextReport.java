package io.poolrescue.audit.render;

import io.poolrescue.audit.AuditReport;
import io.poolrescue.audit.AuditReport.DecisionAudit;
import io.poolrescue.audit.AuditReport.GateAudit;
import io.poolrescue.audit.AuditReport.OperationAudit;
import io.poolrescue.audit.AuditReport.PoolState;
import io.poolrescue.audit.AuditReport.RunSummary;
import io.poolrescue.audit.RecordedRun.RecordedActivity;
import io.poolrescue.audit.RecordedRun.RecordedChild;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.StepStatus;
import java.time.Instant;
import java.util.Map;

/** The report for people: verdict first, then the run, its timeline, gates, operations, pool states, warnings. */
public final class TextReport {

  private final StringBuilder out = new StringBuilder();
  private final AuditReport report;
  private final Instant start;

  private TextReport(AuditReport report) {
    this.report = report;
    this.start = report.run().startedAt();
  }

  public static String render(AuditReport report) {
    return new TextReport(report).build();
  }

  private String build() {
    RunSummary run = report.run();
    line("AUDIT of " + run.procedure() + " run " + nz(run.workflowId()) + " (run id " + nz(run.runId()) + ")");
    line("source: " + report.source()
        + (report.encryptedWith() == null ? "" : " (payloads encrypted with key " + report.encryptedWith() + ")"));
    if (report.payloads() != null && report.payloads().mixed()) {
      line("WARNING: " + report.payloads().warning());
    }
    line("");
    line("VERDICT: " + VerdictText.of(report.verdict(), report.eventCount()));
    run(run);
    timeline();
    gates();
    operations();
    pool("POOL BEFORE", report.poolBefore());
    pool("POOL AFTER", report.poolAfter());
    warnings();
    activities();
    for (AuditReport child : report.childAudits()) {
      line("");
      line("==== CHILD RUN " + child.run().workflowId() + " (" + child.run().procedure() + ") of "
          + report.run().workflowId() + " ====");
      for (String l : render(child).split("\n")) {
        line("  | " + l);
      }
    }
    return out.toString();
  }

  private void run(RunSummary run) {
    section("RUN");
    field("procedure", run.procedure());
    field("requested by", nz(run.requestedBy()) + "  (started by client " + nz(run.startedByClient()) + ")");
    if (run.policy() != null) {
      field("start signature", run.startSignature());
      field("approval policy", run.policy());
    }
    field("started", String.valueOf(run.startedAt()));
    field("ended", run.endedAt() == null ? "still running at the end of the history"
        : run.endedAt() + "  after " + Durations.format(run.duration()) + "  " + run.closeStatus());
    field("outcome", nz(run.outcome()) + (run.summary() == null ? "" : ": " + run.summary()));
    for (String vm : run.notRestartable()) {
      field("not restartable", vm);
    }
    field("request", JsonText.compact(run.request()));
  }

  private void timeline() {
    section("TIMELINE (offsets from the start)");
    if (report.steps().isEmpty()) {
      line("  (no steps: see the activities below)");
    }
    for (StepStatus s : report.steps()) {
      line(String.format("  %-9s %-9s %-28s %-16s %s%s",
          Durations.offset(start, s.startedAt()),
          Durations.between(s.startedAt(), s.endedAt()),
          s.id(),
          s.state(),
          nz(s.title()),
          s.detail() == null || s.detail().isBlank() ? "" : "  — " + s.detail()));
    }
    for (RecordedChild c : report.childRuns()) {
      line(String.format("  %-9s %-9s child %s %s %s", Durations.offset(start, c.startedAt()),
          Durations.between(c.startedAt(), c.endedAt()), c.workflowType(), c.workflowId(), c.outcome()));
    }
  }

  private void gates() {
    section("GATES (" + report.gates().size() + ")");
    int n = 0;
    for (GateAudit ga : report.gates()) {
      GateView g = ga.gate();
      line(String.format("  [%d] %s  %s  (step %s, needs %d approval%s)", ++n, g.gateId(), g.state(), g.step(),
          g.approvalsNeeded(), g.approvalsNeeded() == 1 ? "" : "s"));
      field("    action", g.action());
      field("    targets", String.join(", ", g.targets()));
      field("    why", nz(g.why()));
      boolean first = true;
      for (Map.Entry<String, String> e : g.evidence().entrySet()) {
        field(first ? "    evidence" : "", e.getKey() + " = " + e.getValue());
        first = false;
      }
      field("    fingerprint", nz(g.fingerprint()));
      field("    opened", g.openedAt() + " (" + Durations.offset(start, g.openedAt()) + ")");
      field("    reminder", g.remindAt() + (g.reminded() ? "  — reminder sent" : "  — no reminder needed"));
      field("    expires", g.expiresAt() + (g.state().name().equals("EXPIRED") ? "  — EXPIRED, nothing ran after it" : ""));
      if (ga.decisions().isEmpty()) {
        field("    decisions", "none");
      }
      for (DecisionAudit d : ga.decisions()) {
        field("    decision", d.decision() + " by " + d.approver() + " at " + d.at() + " ("
            + Durations.offset(start, d.at()) + "): \"" + nz(d.reason()) + "\"");
        field("", "saw fingerprint " + nz(d.fingerprint()) + "; sent by client " + nz(d.sentByClient())
            + ", update " + nz(d.updateId()) + ", event " + d.eventId());
        if (d.signature() != null) {
          field("", "signature " + d.signature());
        }
      }
    }
  }

  private void operations() {
    section("POOL OPERATIONS (" + report.operations().size() + ", in the order the run recorded them)");
    int n = 0;
    boolean anyParallel = false;
    for (OperationAudit oa : report.operations()) {
      OperationApplied op = oa.op();
      anyParallel |= oa.parallelGroup() > 0;
      line(String.format("  %3d %-3s %-9s %-24s %-12s %s%s", ++n,
          oa.parallelGroup() > 0 ? "||" + oa.parallelGroup() : "", Durations.offset(start, op.at()), op.call(),
          op.outcome(), String.join(" ", op.args()), op.gateId() == null ? "" : "   [gate " + op.gateId() + "]"));
    }
    if (anyParallel) {
      line("  ||n: done by activities that ran at the same time; the pool may have received these calls in");
      line("       another order (the history records when results came back, not when the pool acted)");
    }
  }

  private void pool(String title, PoolState state) {
    if (state == null) {
      section(title + ": not recorded by this run (no pool inspection " + (title.endsWith("AFTER")
          ? "after its last operation)" : "before its first operation)"));
      return;
    }
    section(title + " (" + state.activity() + " at " + state.at() + ", event " + state.eventId() + ")");
    for (String l : PoolStateText.lines(state.state())) {
      line("  " + l);
    }
  }

  private void warnings() {
    section("WARNINGS (" + report.warnings().size() + ")");
    report.warnings().forEach(w -> line("  - " + w));
  }

  private void activities() {
    section("ACTIVITIES AS RECORDED (" + report.activities().size() + ")");
    for (RecordedActivity a : report.activities()) {
      line(String.format("  event %-5d %-9s %-32s %-9s %-8s attempts %d%s", a.scheduledEventId(),
          Durations.offset(start, a.scheduledAt()), a.type(), a.outcome(), Durations.between(a.scheduledAt(), a.endedAt()),
          a.attempts(), a.failure() == null ? "" : "  " + a.failure()));
    }
  }

  private void section(String title) {
    line("");
    line(title);
  }

  private void field(String name, String value) {
    line(String.format("  %-16s %s", name, value));
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private static String nz(String s) {
    return s == null ? "-" : s;
  }
}
