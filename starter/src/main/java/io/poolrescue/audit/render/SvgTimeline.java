package io.poolrescue.audit.render;

import io.poolrescue.audit.AuditReport;
import io.poolrescue.audit.AuditReport.GateAudit;
import io.poolrescue.audit.AuditReport.DecisionAudit;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The run drawn as inline SVG: one bar per step, one per gate (from opening to its decision or
 * expiry), and a row of ticks for the pool operations, on a common time axis from the run's start.
 */
final class SvgTimeline {

  private static final int WIDTH = 1000;
  private static final int LABEL = 230;
  private static final int ROW = 22;
  private static final int TOP = 28;

  private final AuditReport report;
  private final Instant start;
  private final Instant end;
  private final StringBuilder svg = new StringBuilder();
  private int row;

  private SvgTimeline(AuditReport report) {
    this.report = report;
    this.start = report.run().startedAt();
    this.end = lastInstant(report);
  }

  static String render(AuditReport report) {
    return new SvgTimeline(report).build();
  }

  private String build() {
    int rows = report.steps().size() + report.gates().size() + 1;
    int height = TOP + rows * ROW + 12;
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"timeline\">\n");
    axis(height);
    for (StepStatus s : report.steps()) {
      bar("step " + s.id(), s.startedAt(), s.endedAt() == null ? end : s.endedAt(), "st-" + s.state().name(),
          s.id() + " " + s.state() + " " + Durations.between(s.startedAt(), s.endedAt()));
    }
    for (GateAudit g : report.gates()) {
      Instant closed = closedAt(g);
      bar("gate " + g.gate().gateId(), g.gate().openedAt(), closed, "gt-" + g.gate().state().name(),
          g.gate().gateId() + " " + g.gate().state() + " after " + Durations.between(g.gate().openedAt(), closed));
      for (DecisionAudit d : g.decisions()) {
        double x = x(d.at());
        svg.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" class=\"dc-%s\"><title>%s</title></circle>\n", x,
            TOP + (row - 1) * ROW + ROW / 2 - 2, Html.esc(d.decision()),
            Html.esc(d.decision() + " by " + d.approver() + ": " + d.reason())));
      }
    }
    label("operations");
    for (OperationApplied op : report.operations().stream().map(o -> o.op()).toList()) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%d\" width=\"3\" height=\"%d\" class=\"op\"><title>%s</title></rect>\n",
          x(op.at()) - 1, TOP + row * ROW + 3, ROW - 8,
          Html.esc(op.call() + " " + String.join(" ", op.args()) + " → " + op.outcome())));
    }
    row++;
    svg.append("</svg>\n");
    return svg.toString();
  }

  private void axis(int height) {
    long total = Math.max(1, Duration.between(start, end).toMillis());
    for (int i = 0; i <= 4; i++) {
      double x = LABEL + (WIDTH - LABEL - 10) * i / 4.0;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
              + "<text x=\"%.1f\" y=\"16\" class=\"tick\">%s</text>\n",
          x, TOP - 6, x, height - 6, x, Html.esc("+" + Durations.format(Duration.ofMillis(total * i / 4)))));
    }
  }

  private void bar(String name, Instant from, Instant to, String css, String tip) {
    label(name);
    if (from != null) {
      double x1 = x(from);
      double x2 = Math.max(x1 + 2, x(to == null ? end : to));
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" class=\"%s\"><title>%s</title></rect>\n",
          x1, TOP + row * ROW + 3, x2 - x1, ROW - 8, Html.esc(css), Html.esc(tip)));
    }
    row++;
  }

  private void label(String text) {
    svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" class=\"lbl\">%s</text>\n",
        TOP + row * ROW + ROW / 2 + 3, Html.esc(text.length() > 34 ? text.substring(0, 33) + "…" : text)));
  }

  private double x(Instant at) {
    if (at == null) {
      return LABEL;
    }
    double total = Math.max(1, Duration.between(start, end).toMillis());
    double part = Duration.between(start, at).toMillis() / total;
    return LABEL + (WIDTH - LABEL - 10) * Math.max(0, Math.min(1, part));
  }

  private Instant closedAt(GateAudit g) {
    if (!g.decisions().isEmpty() && g.gate().state() != GateState.OPEN) {
      return g.decisions().get(g.decisions().size() - 1).at();
    }
    if (g.gate().state() == GateState.EXPIRED) {
      return g.gate().expiresAt();
    }
    return end;
  }

  private static Instant lastInstant(AuditReport r) {
    Instant last = r.run().endedAt() != null ? r.run().endedAt() : r.run().startedAt();
    for (var a : r.activities()) {
      last = later(last, a.endedAt());
    }
    for (var s : r.steps()) {
      last = later(last, s.endedAt());
    }
    return last;
  }

  private static Instant later(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }
}
