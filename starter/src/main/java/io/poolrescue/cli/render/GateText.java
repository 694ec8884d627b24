package io.poolrescue.cli.render;

import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A gate's full text: what, to which objects, why, on which evidence, decisions, and how to decide. */
public final class GateText {
  private GateText() {}

  public static List<String> render(String workflowId, GateView g) {
    List<String> lines = new ArrayList<>();
    long approvals = g.decisions().stream().filter(d -> d.decision() == io.poolrescue.workflows.api.Decision.APPROVE).count();
    lines.add("GATE " + g.gateId() + "  [" + g.state() + "]  step " + g.step() + ", approvals " + approvals + "/"
        + g.approvalsNeeded() + "  (run " + workflowId + ")");
    lines.add("  action     : " + g.action());
    lines.add("  targets    : " + (g.targets().isEmpty() ? "-" : String.join(", ", g.targets())));
    lines.add("  why        : " + g.why());
    boolean first = true;
    for (Map.Entry<String, String> e : g.evidence().entrySet()) {
      lines.add((first ? "  evidence   : " : "               ") + e.getKey() + " = " + e.getValue());
      first = false;
    }
    if (first) {
      lines.add("  evidence   : -");
    }
    lines.add("  fingerprint: " + g.fingerprint());
    lines.add("  opened " + Clock.time(g.openedAt()) + ", reminder " + Clock.time(g.remindAt())
        + (g.reminded() ? " (sent)" : "") + ", expires " + Clock.time(g.expiresAt()));
    for (GateDecision d : g.decisions()) {
      lines.add("  decision   : " + decision(d));
    }
    if (g.state() == GateState.OPEN) {
      lines.add("  to decide  : poolrescue approve " + workflowId + " " + g.gateId() + " --as NAME --reason TEXT");
      lines.add("               poolrescue reject  " + workflowId + " " + g.gateId() + " --as NAME --reason TEXT");
    }
    return lines;
  }

  public static String decision(GateDecision d) {
    return d.decision() + " by " + d.approver() + " at " + Clock.time(d.at()) + ": \"" + d.reason() + "\""
        + (d.signerKey() == null ? "" : " (signed, key " + d.signerKey() + ")");
  }
}
