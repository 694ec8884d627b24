package io.poolrescue.audit.render;

import static io.poolrescue.audit.render.Html.esc;

import io.poolrescue.audit.AuditReport;
import io.poolrescue.audit.AuditReport.DecisionAudit;
import io.poolrescue.audit.AuditReport.GateAudit;
import io.poolrescue.audit.AuditReport.OperationAudit;
import io.poolrescue.audit.AuditReport.PoolState;
import io.poolrescue.audit.AuditReport.RunSummary;
import io.poolrescue.audit.RecordedRun.RecordedActivity;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.StepStatus;
import java.time.Instant;
import java.util.Map;

/**
 * One self-contained HTML page to attach to an incident ticket: inline CSS and SVG, no script, no
 * external asset; every value from the history is escaped.
 */
public final class HtmlReport {

  private static final String CSS = """
      body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1040px;color:#1b1f24}
      h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #ccd}
      .verdict{padding:10px 14px;border-radius:6px;font-weight:600}
      .ok{background:#e3f5e6;color:#17602a} .bad{background:#fde4e1;color:#8a1c10}
      table{border-collapse:collapse;width:100%} td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
      th{background:#f4f5f8;font-weight:600} .k{width:160px;color:#555}
      pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}
      .gate{border:1px solid #dde;border-radius:6px;padding:8px 12px;margin:10px 0}
      .APPROVED{color:#17602a} .REJECTED,.EXPIRED,.FAILED{color:#8a1c10} .OPEN,.VOIDED{color:#7a5a00}
      svg.timeline{width:100%;height:auto;background:#fcfcfd;border:1px solid #eee}
      section.child{margin:32px 0 0 12px;padding-left:12px;border-left:3px solid #ccd}
      .lbl,.tick{font:11px system-ui,sans-serif;fill:#333} .grid{stroke:#e5e7eb}
      .st-DONE{fill:#4c9a5f} .st-FAILED{fill:#c0392b} .st-SKIPPED{fill:#aab} .st-RUNNING,.st-WAITING,.st-WAITING_APPROVAL,.st-PENDING{fill:#d9a400}
      .gt-APPROVED{fill:#8fc7a0} .gt-REJECTED,.gt-EXPIRED{fill:#e8a39b} .gt-OPEN,.gt-VOIDED{fill:#f0d98c}
      .dc-APPROVE{fill:#17602a} .dc-REJECT{fill:#8a1c10} .op{fill:#2c5aa0}
      """;

  private final StringBuilder out;
  private final AuditReport report;
  private final Instant start;

  private HtmlReport(AuditReport report, StringBuilder out) {
    this.report = report;
    this.out = out;
    this.start = report.run().startedAt();
  }

  public static String render(AuditReport report) {
    return new HtmlReport(report, new StringBuilder()).build();
  }

  private String build() {
    RunSummary run = report.run();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(esc("Audit: " + run.procedure() + " " + nz(run.workflowId()))).append("</title>")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    body();
    out.append("</body></html>\n");
    return out.toString();
  }

  /** One run's sections; child runs follow in nested sections. */
  private void body() {
    RunSummary run = report.run();
    out.append("<h1>").append(esc(run.procedure() + " — " + nz(run.workflowId()))).append("</h1>\n");
    out.append("<div>").append(esc("run id " + nz(run.runId()) + " · source " + report.source()
        + (report.encryptedWith() == null ? "" : " · encrypted with key " + report.encryptedWith()))).append("</div>\n");
    out.append("<p class=\"verdict ").append(report.verdict().clean() ? "ok" : "bad").append("\">")
        .append(esc(VerdictText.of(report.verdict(), report.eventCount()))).append("</p>\n");
    summary(run);
    out.append("<h2>Timeline</h2>\n").append(SvgTimeline.render(report));
    steps();
    gates();
    operations();
    pool("Pool before", report.poolBefore());
    pool("Pool after", report.poolAfter());
    warnings();
    activities();
    for (AuditReport child : report.childAudits()) {
      out.append("<section class=\"child\"><div class=\"k\">child run of ").append(esc(nz(run.workflowId())))
          .append("</div>\n");
      new HtmlReport(child, out).body();
      out.append("</section>\n");
    }
  }

  private void summary(RunSummary run) {
    out.append("<h2>Run</h2><table>\n");
    kv("procedure", run.procedure());
    kv("requested by", run.requestedBy() + " (client " + run.startedByClient() + ")");
    if (run.policy() != null) {
      kv("start signature", run.startSignature());
      kv("approval policy", run.policy());
    }
    kv("started", run.startedAt());
    kv("ended", run.endedAt() == null ? "still running at the end of the history"
        : run.endedAt() + " after " + Durations.format(run.duration()) + " — " + run.closeStatus());
    kv("outcome", run.outcome() + (run.summary() == null ? "" : ": " + run.summary()));
    run.notRestartable().forEach(vm -> kv("not restartable", vm));
    out.append("<tr><td class=\"k\">request</td><td><pre>").append(esc(JsonText.pretty(run.request())))
        .append("</pre></td></tr>\n</table>\n");
  }

  private void steps() {
    out.append("<h2>Steps</h2><table><tr><th>offset</th><th>duration</th><th>step</th><th>state</th><th>title</th>"
        + "<th>detail</th></tr>\n");
    for (StepStatus s : report.steps()) {
      row(Durations.offset(start, s.startedAt()), Durations.between(s.startedAt(), s.endedAt()), s.id(),
          s.state(), s.title(), s.detail());
    }
    out.append("</table>\n");
  }

  private void gates() {
    out.append("<h2>Gates (").append(report.gates().size()).append(")</h2>\n");
    for (GateAudit ga : report.gates()) {
      GateView g = ga.gate();
      out.append("<div class=\"gate\"><b>").append(esc(g.gateId())).append("</b> <span class=\"")
          .append(esc(g.state())).append("\">").append(esc(g.state())).append("</span> · step ")
          .append(esc(g.step())).append(" · needs ").append(g.approvalsNeeded()).append("<table>\n");
      kv("action", g.action());
      kv("targets", String.join(", ", g.targets()));
      kv("why", g.why());
      for (Map.Entry<String, String> e : g.evidence().entrySet()) {
        kv("evidence: " + e.getKey(), e.getValue());
      }
      kv("fingerprint", g.fingerprint());
      kv("opened", g.openedAt() + " (" + Durations.offset(start, g.openedAt()) + ")");
      kv("reminder", g.remindAt() + (g.reminded() ? " — reminder sent" : " — none needed"));
      kv("expires", g.expiresAt());
      out.append("</table><table><tr><th>when</th><th>who</th><th>decision</th><th>reason</th>"
          + "<th>fingerprint seen</th><th>sent by client</th><th>event</th><th>signature</th></tr>\n");
      for (DecisionAudit d : ga.decisions()) {
        row(d.at() + " (" + Durations.offset(start, d.at()) + ")", d.approver(), d.decision(), d.reason(),
            d.fingerprint(), d.sentByClient(), d.eventId(), d.signature() == null ? "" : d.signature());
      }
      out.append("</table></div>\n");
    }
  }

  private void operations() {
    out.append("<h2>Pool operations (").append(report.operations().size())
        .append(", in the order the run recorded them)</h2><table><tr><th>#</th><th>parallel</th><th>offset</th>"
            + "<th>call</th><th>arguments</th><th>outcome</th><th>gate</th></tr>\n");
    int n = 0;
    for (OperationAudit oa : report.operations()) {
      OperationApplied op = oa.op();
      row(++n, oa.parallelGroup() > 0 ? "group " + oa.parallelGroup() : "", Durations.offset(start, op.at()),
          op.call(), String.join(" ", op.args()), op.outcome(), op.gateId());
    }
    out.append("</table>\n");
    if (report.operations().stream().anyMatch(o -> o.parallelGroup() > 0)) {
      out.append("<p>Operations of one parallel group were done by activities that ran at the same time; the pool may "
          + "have received them in another order.</p>\n");
    }
  }

  private void pool(String title, PoolState state) {
    out.append("<h2>").append(esc(title)).append("</h2>");
    if (state == null) {
      out.append("<p>not recorded by this run</p>\n");
      return;
    }
    out.append("<div>").append(esc(state.activity() + " at " + state.at() + " (event " + state.eventId() + ")"))
        .append("</div><pre>").append(esc(String.join("\n", PoolStateText.lines(state.state()))))
        .append("</pre>\n");
  }

  private void warnings() {
    out.append("<h2>Warnings (").append(report.warnings().size()).append(")</h2><ul>\n");
    report.warnings().forEach(w -> out.append("<li>").append(esc(w)).append("</li>\n"));
    out.append("</ul>\n");
  }

  private void activities() {
    out.append("<h2>Activities as recorded (").append(report.activities().size())
        .append(")</h2><table><tr><th>event</th><th>offset</th><th>activity</th><th>outcome</th><th>took</th>"
            + "<th>attempts</th><th>failure</th></tr>\n");
    for (RecordedActivity a : report.activities()) {
      row(a.scheduledEventId(), Durations.offset(start, a.scheduledAt()), a.type(), a.outcome(),
          Durations.between(a.scheduledAt(), a.endedAt()), a.attempts(), a.failure());
    }
    out.append("</table>\n");
  }

  private static String nz(String s) {
    return s == null ? "-" : s;
  }

  private void kv(String key, Object value) {
    out.append("<tr><td class=\"k\">").append(esc(key)).append("</td><td>").append(esc(value)).append("</td></tr>\n");
  }

  private void row(Object... cells) {
    out.append("<tr>");
    for (Object c : cells) {
      out.append("<td>").append(esc(c)).append("</td>");
    }
    out.append("</tr>\n");
  }
}
