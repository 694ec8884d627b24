package io.poolrescue.cli.audit;

import io.poolrescue.audit.AuditReport;
import io.poolrescue.audit.render.HtmlReport;
import io.poolrescue.audit.render.JsonReport;
import io.poolrescue.audit.render.TextReport;
import java.util.function.Function;

/** The report's output formats. */
public enum AuditFormat {
  text(TextReport::render),
  json(JsonReport::render),
  html(HtmlReport::render);

  private final Function<AuditReport, String> renderer;

  AuditFormat(Function<AuditReport, String> renderer) {
    this.renderer = renderer;
  }

  public String render(AuditReport report) {
    return renderer.apply(report);
  }
}
