package io.poolrescue.cli.render;

import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.RunAuthority;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code poolrescue status ID} for people: the run, its steps with timings, progress, gates in full, operations. */
public final class StatusText {
  private StatusText() {}

  /**
   * @param execution the workflow's execution status (RUNNING, COMPLETED, FAILED, ...)
   * @param now for the running time of steps still in progress
   */
  public static List<String> render(String workflowId, String execution, RunStatus s, Instant now) {
    List<String> out = new ArrayList<>();
    out.add(s.procedure() + "  " + workflowId + "  [" + execution + "]"
        + (s.requestedBy() == null ? "" : "  requested by " + s.requestedBy()));
    out.add("phase: " + s.phase());
    RunAuthority a = s.authority();
    if (a != null) {
      out.add("policy: " + a.policySource() + " (sha256 " + a.policySha256() + "), "
          + (a.signedDecisions() ? "signed decisions only" : "unsigned decisions accepted") + ", "
          + (a.starterKey() != null ? "start signed with key " + a.starterKey() : "start unsigned"));
    }
    if (s.fencing() != null) {
      out.add("host off: " + s.fencing()); // "UNFENCED: ..." when two people attested it instead of a BMC
    }
    if (s.result() != null) {
      out.add("result: " + s.result().outcome() + " - " + s.result().summary());
      s.result().notRestartable().forEach(v -> out.add("  not restartable: " + v));
    }
    out.add("");
    out.add("Steps");
    for (StepStatus step : s.steps()) {
      Instant end = step.endedAt() != null ? step.endedAt() : (step.startedAt() != null ? now : null);
      String took = Clock.duration(step.startedAt(), end);
      out.add(String.format("  %s  %-28s %8s  %s", StepMarks.of(step.state()), step.title(), took,
          step.detail() == null ? "" : step.detail()).stripTrailing());
    }
    if (s.progress() != null) {
      out.add("");
      out.add("Progress  " + ProgressBar.render(s.progress()));
    }
    List<GateView> open = s.gates().stream().filter(g -> g.state() == GateState.OPEN).toList();
    List<GateView> closed = s.gates().stream().filter(g -> g.state() != GateState.OPEN).toList();
    if (!open.isEmpty()) {
      out.add("");
      out.add("Open gates");
      open.forEach(g -> GateText.render(workflowId, g).forEach(l -> out.add("  " + l)));
    }
    if (!closed.isEmpty()) {
      out.add("");
      out.add("Closed gates");
      for (GateView g : closed) {
        out.add("  " + g.gateId() + " [" + g.state() + "] " + g.action());
        g.decisions().forEach(d -> out.add("      " + GateText.decision(d)));
      }
    }
    if (!s.operations().isEmpty()) {
      out.add("");
      out.add("Operations (" + s.operations().size() + ")");
      for (OperationApplied op : s.operations()) {
        out.add("  " + OperationText.render(op));
      }
    }
    if (!s.warnings().isEmpty()) {
      out.add("");
      out.add("Warnings");
      s.warnings().forEach(w -> out.add("  ! " + w));
    }
    if (!s.children().isEmpty()) {
      out.add("");
      out.add("Child runs: " + String.join(", ", s.children()));
    }
    return out;
  }
}
