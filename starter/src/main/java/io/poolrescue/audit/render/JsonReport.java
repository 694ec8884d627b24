package io.poolrescue.audit.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.poolrescue.audit.AuditReport;

/** The whole report as one JSON document for tools (the verdict carries a "kind": CLEAN, DIVERGED, FAILED). */
public final class JsonReport {
  private JsonReport() {}

  public static String render(AuditReport report) {
    try {
      return JsonText.MAPPER.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report is made of plain records: " + e.getMessage(), e);
    }
  }
}
