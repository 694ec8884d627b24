package io.poolrescue.cli.render;

import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.StepStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened between two readings of a run's status, as lines for a live log: steps started and
 * finished, gates opened (in full, with evidence), decisions, operations, warnings, progress, result.
 * Pure: the follower polls, this only compares.
 */
public final class StatusChanges {
  private StatusChanges() {}

  /** Gates that are open in {@code next} and were not open in {@code prev}: someone must decide them. */
  public static List<GateView> newlyOpened(RunStatus prev, RunStatus next) {
    Map<String, GateView> before = gates(prev);
    return next.gates().stream()
        .filter(g -> g.state() == GateState.OPEN)
        .filter(g -> !before.containsKey(g.gateId()) || before.get(g.gateId()).state() != GateState.OPEN)
        .toList();
  }

  public static List<String> between(String workflowId, RunStatus prev, RunStatus next) {
    List<String> out = new ArrayList<>();
    if (prev == null || !Objects.equals(prev.phase(), next.phase())) {
      out.add("phase: " + next.phase());
    }
    Map<String, StepStatus> steps = new HashMap<>();
    if (prev != null) {
      prev.steps().forEach(s -> steps.put(s.id(), s));
    }
    for (StepStatus s : next.steps()) {
      StepStatus was = steps.get(s.id());
      if (s.state() == StepState.PENDING || (was != null && was.state() == s.state()
          && Objects.equals(was.detail(), s.detail()))) {
        continue;
      }
      String took = s.endedAt() == null ? "" : " (" + Clock.duration(s.startedAt(), s.endedAt()) + ")";
      out.add("step " + StepMarks.of(s.state()).strip() + ": " + s.title() + took
          + (s.detail() == null || s.detail().isBlank() ? "" : " - " + s.detail()));
    }
    Map<String, GateView> before = gates(prev);
    for (GateView g : next.gates()) {
      GateView was = before.get(g.gateId());
      if (was == null && g.state() == GateState.OPEN) {
        out.addAll(GateText.render(workflowId, g));
      } else if (was == null) {
        out.add("gate " + g.gateId() + " " + g.state() + ": " + g.action());
      }
      int seen = was == null ? 0 : was.decisions().size();
      for (GateDecision d : g.decisions().subList(Math.min(seen, g.decisions().size()), g.decisions().size())) {
        out.add("gate " + g.gateId() + ": " + GateText.decision(d));
      }
      if (was != null && was.state() != g.state()) {
        out.add("gate " + g.gateId() + " is now " + g.state());
      }
      if (was != null && !was.reminded() && g.reminded()) {
        out.add("gate " + g.gateId() + ": reminder sent, still waiting for a decision");
      }
    }
    int opsSeen = prev == null ? 0 : prev.operations().size();
    next.operations().stream().skip(opsSeen).forEach(op -> out.add("  op " + OperationText.render(op)));
    int warnSeen = prev == null ? 0 : prev.warnings().size();
    next.warnings().stream().skip(warnSeen).forEach(w -> out.add("! " + w));
    if (next.progress() != null && (prev == null || !Objects.equals(prev.progress(), next.progress()))) {
      out.add("progress " + ProgressBar.render(next.progress()));
    }
    if (next.result() != null && (prev == null || prev.result() == null)) {
      out.add("result: " + next.result().outcome() + " - " + next.result().summary());
      next.result().notRestartable().forEach(v -> out.add("  not restartable: " + v));
    }
    return out;
  }

  private static Map<String, GateView> gates(RunStatus s) {
    Map<String, GateView> m = new HashMap<>();
    if (s != null) {
      s.gates().forEach(g -> m.put(g.gateId(), g));
    }
    return m;
  }
}
